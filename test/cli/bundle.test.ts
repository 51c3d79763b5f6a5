import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The build (vitest's global setup makes it) and esbuild's map of its command-line bundle (scripts/bundle.mjs). */
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'concur-tui');

interface Metafile {
  inputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[] }>;
  outputs: Record<string, { entryPoint?: string; inputs: Record<string, unknown>; imports: { path: string; kind: string; external?: boolean }[] }>;
}

/** main.cjs and the command line's bundle, both CommonJS (scripts/bundle.mjs). */
const bundleMaps = (): { main: Metafile; commandLine: Metafile } => JSON.parse(readFileSync(join(DIST, 'cli-bundle.json'), 'utf8'));

/**
 * The modules of the command line's bundle that run when `from` runs: those it imports or
 * requires, transitively, but not through `import()` (which the bundle turns into a module that
 * runs when the import is called). A require inside a function counts too: more than runs.
 */
function runWith(map: Metafile, from: string): Set<string> {
  const ran = new Set<string>();
  const visit = (path: string) => {
    if (ran.has(path) || map.inputs[path] === undefined) return;
    ran.add(path);
    for (const { path: imported, kind, external } of map.inputs[path]!.imports) if (kind !== 'dynamic-import' && !external) visit(imported);
  };
  visit(from);
  return ran;
}

const packageOf = (input: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? null;
const packagesIn = (inputs: Iterable<string>) => new Set([...inputs].map(packageOf).filter((name) => name !== null));

describe('the command line is one CommonJS bundle, run with V8 code cache; its commands run only when called (issue 15: start-up)', () => {
  it('bin/concur-tui runs main.cjs, and main.cjs the command line: both sit in dist/cli, CommonJS as the launcher', () => {
    expect(existsSync(join(DIST, 'cli', 'main.cjs'))).toBe(true);
    expect(existsSync(join(DIST, 'cli', 'command-line.cjs'))).toBe(true);
    expect(readFileSync(BIN, 'utf8')).toContain("join(build, 'cli', 'main.cjs')");
    expect(JSON.parse(readFileSync(join(ROOT, 'bin', 'package.json'), 'utf8'))).toEqual({ type: 'commonjs' });
  });

  it("a start runs no ES module: Node never sets up its ES modules' loader for `--help` or `emulate`", () => {
    const dir = mkdtempSync(join(tmpdir(), 'concur-esm-'));
    try {
      // Node's list of its own modules loaded, at exit: module_job is what runs an ES module.
      const probe = join(dir, 'probe.cjs');
      writeFileSync(
        probe,
        "process.on('exit', () => process._rawDebug(process.moduleLoadList.filter((name) => name.includes('esm/module_job')).join(',') || 'none'))\n",
      );
      for (const words of [['--help'], ['emulate', '--scenario', 'count']]) {
        const result = spawnSync(process.execPath, ['--require', probe, BIN, ...words], { encoding: 'utf8', env: { ...process.env, CI: '1' } });
        expect(result.status, result.stderr).toBe(0);
        expect(result.stderr.trim().split('\n').at(-1), words.join(' ')).toBe('none');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('main.cjs alone runs no package: a stored help is printed before yargs loads', () => {
    const map = bundleMaps().main;
    const inputs = [...runWith(map, 'src/cli/main.js')];
    expect([...packagesIn(inputs)]).toEqual([]);
    // The walk is of the real bundle: the stored help's printer is in it.
    expect(inputs).toContain('src/cli/stored-help.js');
  });

  it('before a command runs, the bundle runs yargs and the flags, not the UI, exporters, real engine, simulator or handlers', () => {
    const map = bundleMaps().commandLine;
    const ran = runWith(map, 'src/cli/command-line.js');
    const packages = packagesIn(ran);
    for (const heavy of ['ink', 'react', 'react-reconciler', 'piscina', 'yoga-layout', 'es-toolkit']) expect(packages).not.toContain(heavy);
    expect(packages).toContain('yargs');
    const project = [...ran].filter((input) => input.startsWith('src/'));
    const heavy = project.filter((input) =>
      /^src\/(ui\/(?!(state\/dashboard-strategies|emulation-process)\.js$)|export\/(?!export-formats\.js$)|engine\/python\/|engine\/emulator\/(simulator|kernel|emulate)\.js$|cli\/actions\/)/.test(
        input,
      ),
    );
    expect(heavy).toEqual([]);
    // The walk is of the real bundle: the registrations are in it.
    expect(project).toEqual(expect.arrayContaining(['src/cli/command-line.js', 'src/cli/commands/dashboard.js']));
  });

  it("each command's handler and the dashboard are in the bundle, run only by the import() of the command that calls them", () => {
    const map = bundleMaps().commandLine;
    const upFront = runWith(map, 'src/cli/command-line.js');
    for (const lazy of ['src/cli/actions/emulate.js', 'src/cli/actions/dashboard.js', 'src/ui/run-dashboard.js', 'src/cli/actions/verify.js']) {
      expect(map.inputs[lazy], lazy).toBeDefined();
      expect(upFront.has(lazy), lazy).toBe(false);
    }
  });

  it("emulate's handler runs the emulator and the table, not the real engine, the Python runtime or the exporters (JSON and exports load when asked for)", () => {
    const map = bundleMaps().commandLine;
    const upFront = runWith(map, 'src/cli/command-line.js');
    const added = [...runWith(map, 'src/cli/actions/emulate.js')].filter((input) => !upFront.has(input));
    // hold-resolution's one constant: the Python sampler's period.
    const heavy = added.filter((input) => /^src\/(engine\/(real|python)\/(?!sample-period\.js$)|export\/|ui\/)/.test(input));
    expect(heavy).toEqual([]);
    expect(added).toEqual(expect.arrayContaining(['src/cli/text-table.js', 'src/engine/summary.js']));
    expect([...runWith(map, 'src/engine/emulation-door.js')]).toContain('src/engine/emulator/kernel.js');
  });

  it('a start loads zlib, net, crypto, os and assert only for work that calls them: `emulate --scenario count` loads none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'concur-builtins-'));
    try {
      const list = join(dir, 'loaded.txt');
      const output = openSync(join(dir, 'output.txt'), 'w');
      // Node's own list of the builtins loaded, written at exit; the output to a file (a pipe would load net for its socket).
      const probe = `data:text/javascript,import { writeFileSync } from 'node:fs'; process.on('exit', () => writeFileSync(${JSON.stringify(list)}, process.moduleLoadList.join('\\n')));`;
      const result = spawnSync(process.execPath, ['--import', probe, BIN, 'emulate', '--scenario', 'count'], {
        stdio: ['ignore', output, output],
        env: { ...process.env, CI: '1' },
      });
      closeSync(output);
      expect(result.status).toBe(0);
      expect(readFileSync(join(dir, 'output.txt'), 'utf8')).toContain('interpreter-pool');
      const loaded = readFileSync(list, 'utf8').split('\n');
      expect(loaded).toContain('NativeModule fs');
      expect(['zlib', 'net', 'crypto', 'os', 'assert', 'timers/promises'].filter((name) => loaded.includes(`NativeModule ${name}`))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the bundle holds React's production builds; each development build is a stub that requires the installed file", () => {
    const inputs = Object.keys(bundleMaps().commandLine.inputs);
    expect(inputs.some((input) => input.endsWith('node_modules/react-reconciler/cjs/react-reconciler.production.js'))).toBe(true);
    const development = inputs.filter((input) => input.endsWith('.development.js'));
    expect(development).toEqual(expect.arrayContaining(['development-build:react-reconciler/cjs/react-reconciler.development.js']));
    expect(development.filter((input) => !input.startsWith('development-build:'))).toEqual([]);
  });

  it('a bundled module finds the files beside it as unbundled (package.json for --version, the HTML export its client script)', () => {
    const env = { ...process.env, CI: '1' };
    const version = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8', env });
    expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
    // html-page.ts reads the page's script from its own URL (src/export/html/gantt-client.js).
    const dir = mkdtempSync(join(tmpdir(), 'concur-bundle-'));
    try {
      const page = join(dir, 'run.html');
      const exported = spawnSync(process.execPath, [BIN, 'emulate', '--tasks', '5ms,5ms', '--strategy', 'threads', '--export', page], {
        encoding: 'utf8',
        env,
      });
      expect(exported.status).toBe(0);
      expect(readFileSync(page, 'utf8')).toContain(readFileSync(join(DIST, 'src', 'export', 'html', 'gantt-client.js'), 'utf8').split('\n')[0]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("yargs' locales are found from the bundle: the help is in German with LC_ALL=de_DE", () => {
    const help = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8', env: { ...process.env, CI: '1', LC_ALL: 'de_DE.UTF-8' } });
    expect(help.stdout).toContain('Optionen:');
  });
});
