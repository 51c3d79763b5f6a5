import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The build (vitest's global setup makes it): what Node loads is the compiled JavaScript. */
const DIST_SRC = fileURLToPath(new URL('../../dist/src/', import.meta.url));

/** Static `import … from` / `export … from` / `import '…'` of a compiled module; `import()` (lazy) is not one. */
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

/**
 * Every module Node loads before any command runs, starting at `entry` (a path under dist/src):
 * each project file with the chain that reaches it, and the packages imported on the way.
 */
function staticGraph(entry: string): { files: Map<string, string[]>; packages: Map<string, string[]> } {
  const files = new Map<string, string[]>();
  const packages = new Map<string, string[]>();
  const visit = (file: string, chain: string[]) => {
    const name = relative(DIST_SRC, file);
    if (files.has(name)) return;
    const path = [...chain, name];
    files.set(name, path);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      if (specifier!.startsWith('.')) visit(resolve(dirname(file), specifier!), path);
      else if (!specifier!.startsWith('node:') && !packages.has(specifier!)) packages.set(specifier!, path);
    }
  };
  visit(join(DIST_SRC, entry), []);
  return { files, packages };
}

/** What `--help` and a command's flags must never load: it is what the commands do, loaded in their handlers. */
const HEAVY: readonly [what: string, pattern: RegExp][] = [
  ['the UI', /^ui\/(?!(state\/dashboard-strategies|emulation-process)\.js$)/],
  ['an exporter', /^export\/(?!export-formats\.js$)/],
  ['the real engine', /^engine\/real\/(?!(strategy-context|real-tasks)\.js$)/],
  ['the Python runtime', /^engine\/python\//],
  ['the simulator', /^engine\/emulator\/(simulator|kernel|emulate|emulate-all)\.js$/],
  ["a command's handler", /^cli\/actions\//],
];

describe('the command line loads each command lazily (issue 15: start-up)', () => {
  it('the build exists (vitest global setup)', () => {
    expect(existsSync(join(DIST_SRC, 'cli', 'main.js'))).toBe(true);
  });

  it('the command line reaches no UI, exporter, real engine, Python runtime, simulator or handler through static imports', () => {
    const { files } = staticGraph('cli/command-line.js');
    const offenders = [...files].flatMap(([file, chain]) => HEAVY.filter(([, pattern]) => pattern.test(file)).map(([what]) => `${what}: ${chain.join(' → ')}`));
    expect(offenders).toEqual([]);
    // The registrations themselves are reached: the graph is the real one, not an empty walk.
    expect([...files.keys()]).toEqual(expect.arrayContaining(['cli/command-line.js', 'cli/commands/dashboard.js', 'engine/descriptors.js']));
  });

  it('the command line imports no ink, react or piscina before a command runs (yargs is the only package loaded up front)', () => {
    const { packages } = staticGraph('cli/command-line.js');
    expect([...packages.keys()].filter((name) => !name.startsWith('yargs'))).toEqual([]);
  });

  it('main.js imports no package at all: a stored help is printed before the command line (and yargs) loads', () => {
    const { files, packages } = staticGraph('cli/main.js');
    expect([...packages.keys()]).toEqual([]);
    expect([...files.keys()]).not.toContain('cli/command-line.js');
    expect([...files.keys()]).toContain('cli/stored-help.js');
  });
});
