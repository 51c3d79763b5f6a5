import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { packageVersion } from '../../src/cli/package-info.js';
import { SCENARIOS } from '../../src/engine/index.js';
import { TRACE_SCHEMA_VERSION } from '../../src/export/trace-json.js';
import { runCli } from './run-cli.js';

const BIN = fileURLToPath(new URL('../../bin/concur-tui', import.meta.url));

describe('CLI conventions of gh, kubectl and npm', () => {
  it('help COMMAND prints what COMMAND --help prints', async () => {
    for (const command of ['emulate', 'run', 'dashboard', 'calibrate']) {
      const help = await runCli(['help', command]);
      expect(help.code).toBe(0);
      expect(help.stdout).toBe((await runCli([command, '--help'])).stdout);
      expect(help.stdout).toMatch(new RegExp(`^concur-tui ${command}\\n`));
    }
  });

  it('help with an unknown command names the likely one, exit 2', async () => {
    expect(await runCli(['help', 'emulat'])).toEqual({ code: 2, stdout: '', stderr: "concur-tui: unknown command 'emulat': did you mean 'emulate'?\n" });
  });

  it('-v and --version print the package version', async () => {
    for (const flag of ['-v', '--version']) expect(await runCli([flag])).toEqual({ code: 0, stdout: `${packageVersion()}\n`, stderr: '' });
  });

  it('a mistyped command gets a suggestion, an unknown word the list of commands; exit 2', async () => {
    expect(await runCli(['emulat', '--scenario', 'count'])).toEqual({
      code: 2,
      stdout: '',
      stderr: "concur-tui: unknown command 'emulat': did you mean 'emulate'?\n",
    });
    expect(await runCli(['count'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "concur-tui: unknown command 'count' (commands: dashboard, emulate, run, demo, lesson, cast-page, calibrate, verify, pythons, scenarios, completion, help)\n",
    });
  });

  it('the root help is short: the commands, and where the dashboard flags are', async () => {
    const root = await runCli(['--help']);
    expect(root.code).toBe(0);
    expect((await runCli(['help'])).stdout).toBe(root.stdout);
    // 12 commands; cast-page's two operands widen the command column, so more descriptions wrap.
    expect(root.stdout.split('\n').length).toBeLessThan(40);
    expect(root.stdout).not.toMatch(/^ +--(cores|fps|record) /m); // no flag lines (an example may use one)
    expect(root.stdout).toContain('concur-tui help dashboard');
  });

  it("the dashboard's help groups its flags: emulator, real runs, display, recording and export", async () => {
    const { stdout } = await runCli(['help', 'dashboard']);
    const headings = stdout.split('\n').filter((line) => /^[A-Z][a-z ]+:$/.test(line));
    expect(headings).toEqual(['Emulator:', 'Real runs:', 'Display:', 'Recording and export:', 'Options:', 'Examples:']);
    const section = (heading: string) => stdout.split(`${heading}\n`)[1]!.split('\n\n')[0]!;
    expect(section('Emulator:')).toMatch(/--cores/);
    expect(section('Display:')).toMatch(/--fps .*\[number\] \[default: 15\]/);
    expect(section('Recording and export:')).toMatch(/--cols .*\[number\]/);
  });

  it('a flag labelled [number] still quotes a bad value as typed', async () => {
    expect((await runCli(['--fps', 'abc'])).stderr).toMatch(/^concur-tui: --fps: 'abc' /);
    expect((await runCli(['calibrate', '--iterations', '1e3', '--no-python'])).stderr).toMatch(/--iterations: '1e3' must be a whole number/);
  });
});

describe('concur-tui completion', () => {
  const dir = mkdtempSync(join(tmpdir(), 'concur-completion-'));
  symlinkSync(BIN, join(dir, 'concur-tui'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('bash: the script, sourced, completes command names and flags (asking the binary on PATH)', async () => {
    const script = (await runCli(['completion'], { SHELL: '/bin/bash' })).stdout;
    expect(script).toContain('complete -o bashdefault -o default -F _concur-tui_yargs_completions concur-tui');
    const complete = (...words: string[]) => {
      const line = `COMP_WORDS=(${words.map((word) => `'${word}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _concur-tui_yargs_completions; printf '%s\\n' "\${COMPREPLY[@]}"`;
      const env = { ...process.env, PATH: `${dir}:${process.env.PATH}`, CI: '1' };
      return spawnSync('bash', ['-c', `source /dev/stdin <<'EOF'\n${script}\nEOF\n${line}`], { encoding: 'utf8', env })
        .stdout.trim()
        .split('\n');
    };
    expect(complete('concur-tui', 'emu')).toEqual(['emulate']);
    expect(complete('concur-tui', 'emulate', '--sw')).toEqual(['--switch-cost', '--switch-interval']);
  });

  it('zsh: run from zsh, it prints a compdef script', async () => {
    const script = (await runCli(['completion'], { SHELL: '/usr/bin/zsh' })).stdout;
    expect(script.split('\n')[0]).toBe('#compdef concur-tui');
    expect(script).toContain('concur-tui --get-yargs-completions');
  });
});

describe('--json documents carry a schemaVersion', () => {
  it('scenarios --json: every scenario with its tasks and machine', async () => {
    const { code, stdout } = await runCli(['scenarios', '--json']);
    expect(code).toBe(0);
    const document = JSON.parse(stdout) as { schemaVersion: number; scenarios: { name: string; tasks: unknown[] }[] };
    expect(document.schemaVersion).toBe(1);
    expect(document.scenarios.map((scenario) => scenario.name)).toEqual(SCENARIOS.map((scenario) => scenario.name));
    expect(document.scenarios[1]).toMatchObject({ name: 'count', tasks: SCENARIOS[1]!.tasks, realScale: 0.1 });
  });

  it.each([
    [['emulate', '--scenario', 'sleep', '--json']],
    [['--scenario', 'sleep', '--json']], // the dashboard, not in a terminal
  ])('%j starts with the trace schemaVersion', async (args) => {
    const { code, stdout } = await runCli(args);
    expect(code).toBe(0);
    expect(stdout.startsWith(`{"schemaVersion":${TRACE_SCHEMA_VERSION},"workload":"sleep",`)).toBe(true);
  });
});
