import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeInterpreter, discoverInterpreters, probeInterpreter, type PythonInterpreter } from '../../../src/engine/python/interpreter.js';

const base: PythonInterpreter = {
  path: 'python3',
  implementation: 'CPython',
  version: '3.11.7',
  major: 3,
  minor: 11,
  implementationVersion: null,
  freeThreadedBuild: false,
  gilEnabled: true,
};

describe('probeInterpreter', () => {
  it('describes python3 on PATH: implementation, version, and its GIL', () => {
    const python = probeInterpreter('python3');
    expect(python.implementation).toBe('CPython');
    expect(python.version).toMatch(/^3\.\d+\.\d+/);
    expect(python.major).toBe(3);
    expect(typeof python.gilEnabled).toBe('boolean');
  });

  it('refuses a missing path, a program that is not Python, and a Python older than 2.7, each in one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'concur-tui-probe-'));
    const fake = (name: string, body: string) => {
      const path = join(dir, name);
      writeFileSync(path, `#!/bin/sh\n${body}\n`);
      chmodSync(path, 0o755);
      return path;
    };
    expect(() => probeInterpreter(join(dir, 'nope'))).toThrow(`--python '${join(dir, 'nope')}': not found`);
    expect(() => probeInterpreter(fake('true', 'exit 0'))).toThrow(/: not a Python interpreter/);
    const old = fake(
      'python2.6',
      `echo '{"concurTuiProbe": 1, "implementation": "CPython", "version": "2.6.9", "major": 2, "minor": 6, "freeThreaded": false, "gil": true, "implementationVersion": null}'`,
    );
    expect(() => probeInterpreter(old)).toThrow(/Python 2\.6\.9 is too old \(2\.7 or later is needed\)/);
  });
});

describe('describeInterpreter', () => {
  it('names the GIL the way the real column shows it', () => {
    expect(describeInterpreter(base)).toBe('CPython 3.11.7, GIL');
    expect(describeInterpreter({ ...base, version: '3.13.1', minor: 13, freeThreadedBuild: true, gilEnabled: false })).toBe('CPython 3.13.1t, free-threaded');
    expect(describeInterpreter({ ...base, implementation: 'PyPy', version: '3.9.16', implementationVersion: '7.3.11' })).toBe('PyPy 7.3.11 (GIL)');
  });
});

describe('discoverInterpreters', () => {
  it('finds python3 on PATH once, and reports a given path that is not an interpreter', () => {
    const found = discoverInterpreters({ PATH: process.env.PATH, HOME: '/nonexistent' }, ['/nonexistent/python']);
    const ok = found.flatMap((entry) => (entry.ok ? [entry.python] : []));
    expect(ok.some((python) => python.major === 3)).toBe(true);
    const identities = ok.map((python) => `${python.implementation} ${python.version}`);
    expect(new Set(identities).size).toBe(identities.length);
    expect(found.filter((entry) => !entry.ok)).toEqual([{ ok: false, path: '/nonexistent/python', reason: 'not found' }]);
  });
});
