import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dashboardSetup, type DashboardFlags } from '../../src/cli/dashboard-setup.js';
import { scriptedFrames } from '../../src/ui/script/scripted-frames.js';

/** The parameters bar (first line) of every frame after typing `keys` into a dashboard opened with `flags`. */
function headersAfter(flags: DashboardFlags, keys: string[]): string[] {
  const setup = dashboardSetup({ strategy: 'sequential,threads', ...flags });
  const frames = scriptedFrames({ ...setup, theme: { color: false, unicode: true }, size: { columns: 120, rows: 24 }, steps: [{ type: 'keys', keys }] });
  return [...frames].map(({ frame }) => frame.toLines()[0]!);
}

describe('dashboard parameters across scenarios (defaults → scenario → preset → flags → keys)', () => {
  it('keys survive a change of scenario: --quantum 3ms, + + C, then 5 and 2 keep 5 ms and 3 cores', () => {
    const headers = headersAfter({ quantum: '3ms' }, ['+', '+', 'C', '5', '2']);
    expect(headers[0]).toMatch(/^count │ 2 cores │ rr │ slice 3ms │/);
    // The keys set the cores, so juggle's own one core gives way to them.
    expect(headers.find((line) => line.startsWith('juggle'))).toMatch(/^juggle │ 3 cores │ rr │ slice 5ms │/);
    expect(headers.at(-1)).toMatch(/^count │ 3 cores │ rr │ slice 5ms │/);
  });

  it("a scenario's own machine applies unless a flag or a key set that parameter", () => {
    expect(headersAfter({ quantum: '3ms' }, ['+', '5']).at(-1)).toMatch(/^juggle │ 1 core │ rr │ slice 4ms │/);
    expect(headersAfter({ cores: '4' }, ['5']).at(-1)).toMatch(/^juggle │ 4 cores │/);
    expect(headersAfter({}, ['5', '2']).at(-1)).toMatch(/^count │ 2 cores │/);
  });

  it('flags still win over the interpreter preset, and a preset chosen by key over the flags', () => {
    expect(headersAfter({ interpreter: 'cpython-2.7', gil: 'new' }, []).at(-1)).toMatch(/│ GIL new 5ms │/);
    expect(headersAfter({ gil: 'none' }, ['i', '5']).at(-1)).toMatch(/^juggle │ 1 core │ .*│ GIL new 5ms │ cpython-3\.12 │/);
  });

  it('--speed takes fractions from 0.05 (slow motion) to 100 and refuses the rest in one line', () => {
    expect(dashboardSetup({ speed: '0.05' }).initial.speed).toBe(0.05);
    expect(dashboardSetup({ speed: '2.5' }).initial.speed).toBe(2.5);
    expect(dashboardSetup({ speed: '100' }).initial.speed).toBe(100);
    expect(() => dashboardSetup({ speed: '0.01' })).toThrow("--speed: '0.01' must be a number from 0.05 to 100");
    expect(() => dashboardSetup({ speed: 'fast' })).toThrow("--speed: 'fast' must be a number from 0.05 to 100");
  });

  it('the command line refuses an emulation naming flags', () => {
    expect(() => dashboardSetup({ tasks: '3600s', quantum: '1us' })).toThrow(/use fewer or shorter tasks, or a longer --quantum$/);
  });
});

const PY27 = '/root/.pyenv/versions/2.7.18/bin/python';
const HAS_PY27 = existsSync(PY27);
const HAS_PYTHON3 = spawnSync('python3', ['--version']).status === 0;

describe('the emulated column follows the real interpreter (twin layer)', () => {
  it.runIf(HAS_PY27)('on 2.7 the emulator runs the old GIL; R to Node gives the defaults back, R again the twin', () => {
    const headers = headersAfter({ python: PY27 }, ['R', 'R']);
    expect(headers[0]).toMatch(/│ GIL old 100 ticks │ twin cpython-2\.7 │/);
    expect(headers.find((line) => line.includes('GIL new'))).toBeDefined();
    expect(headers.at(-1)).toMatch(/│ GIL old 100 ticks │ twin cpython-2\.7 │/);
  });

  it.runIf(HAS_PY27)('a GIL or preset the user chose wins, and the header says it differs from the real one', () => {
    expect(headersAfter({ python: PY27, gil: 'new' }, []).at(-1)).toMatch(/│ GIL new 5ms │ ≠ real cpython-2\.7 │/);
    expect(headersAfter({ python: PY27 }, ['i']).at(-1)).toMatch(/│ GIL new 5ms │ cpython-3\.12 │ ≠ real cpython-2\.7 │/);
  });

  it.runIf(HAS_PYTHON3)('R on a Node dashboard pairs the emulated column with python3’s twin', () => {
    const headers = headersAfter({}, ['R']);
    expect(headers[0]).not.toContain('twin');
    expect(headers.at(-1)).toMatch(/│ GIL new 5ms │ twin cpython-3\.12 │/);
  });
});
