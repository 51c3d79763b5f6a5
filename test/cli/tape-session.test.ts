import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCast } from '../../src/export/asciicast.js';
import { asciinemaAccepts, hasAsciinema, replayCast } from '../export/cast-check.js';
import { runCli } from './run-cli.js';

const BIN = fileURLToPath(new URL('../../bin/concur-tui', import.meta.url));
const TAPES = fileURLToPath(new URL('../fixtures/tapes/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'concur-tapes-'));
const tape = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
// Env lines set variables for the rest of the process: runCli puts these back after each call.
const cli = (...args: string[]) => runCli(args, { NO_COLOR: undefined, CONCUR_TAPE_VARIABLE: undefined });

/** every-command.tape played by the binary in a scratch directory, where its Output, Screenshots and Source live. */
let played: { code: number | null; stderr: string; cwd: string } | undefined;
function playEveryCommand() {
  if (played) return played;
  const cwd = mkdtempSync(join(tmpdir(), 'concur-every-'));
  for (const name of ['every-command.tape', 'every-command-setup.tape']) copyFileSync(join(TAPES, name), join(cwd, name));
  const result = spawnSync(process.execPath, [BIN, '--script', 'every-command.tape'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
    timeout: 60_000,
  });
  played = { code: result.status, stderr: result.stderr, cwd };
  return played;
}

describe('a tape of every VHS command (test/fixtures/tapes/every-command.tape)', () => {
  it('plays to its end (a last Ctrl+C exits 0) and says, one line each, what it does not do', () => {
    const { code, stderr } = playEveryCommand();
    expect(code).toBe(0);
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toContain('concur-tui: every-command.tape:4: Output every-command.gif is not written: concur-tui records only asciicast files (.cast)');
    expect(lines).toContain('concur-tui: every-command.tape:71: Screenshot every-command.png is not written: concur-tui writes screenshots as .svg or .txt');
    // Each rendering option once, though FontSize is set twice.
    expect(lines.filter((line) => line.includes('Set FontSize'))).toHaveLength(1);
    expect(lines.every((line) => line.startsWith('concur-tui: every-command.tape:'))).toBe(true);
  });

  it('writes its Output cast (not the sourced tape’s), which shows the last frame the dashboard drew', async () => {
    const { cwd } = playEveryCommand();
    expect(existsSync(join(cwd, 'setup-only.cast'))).toBe(false);
    const cast = readCast(readFileSync(join(cwd, 'every-command.cast'), 'utf8'));
    expect(cast.header).toMatchObject({ version: 2, width: 80, height: 24 });
    const screen = await replayCast(join(cwd, 'every-command.cast'));
    const shot = readFileSync(join(cwd, 'every-command.txt'), 'utf8').trimEnd().split('\n');
    // The Subtitle cleared after the screenshot: the cast's last screen is the shot without it.
    expect(shot[1]).toBe('concur-tui plays VHS tapes');
    // The same bar but for the playhead's time, which moved on after the shot.
    const untimed = (header: string) => header.trimEnd().replace(/(▶|⏸) (\S+×) +\S+/, '$1 $2');
    expect(untimed(screen[0]!)).toBe(untimed(shot[0]!));
    expect(screen[0]).toMatch(/^juggle │ 2 cores │/); // Source typed 5, Hide typed C
  });

  it('writes the screenshots it names, as text and as SVG', () => {
    const { cwd } = playEveryCommand();
    const svg = readFileSync(join(cwd, 'every-command.svg'), 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain('concur-tui plays VHS tapes');
    expect(existsSync(join(cwd, 'every-command.png'))).toBe(false);
  });

  it.runIf(hasAsciinema())('asciinema plays its cast', () => {
    expect(asciinemaAccepts(join(playEveryCommand().cwd, 'every-command.cast'))).toBe(true);
  });
});

describe('what a tape asks of the session', () => {
  it('Output FILE.cast records without --record; --record takes its place', async () => {
    const out = join(dir, 'out.cast');
    const flag = join(dir, 'flag.cast');
    const path = tape('output.tape', `Output "${out}"\nSleep 200ms\n`);
    expect((await cli('--scenario', 'juggle', '--script', path)).code).toBe(0);
    expect(readCast(readFileSync(out, 'utf8')).events.at(-1)![0]).toBeCloseTo(0.2, 3);
    expect((await cli('--scenario', 'juggle', '--script', path, '--record', flag, '--force')).code).toBe(0);
    expect(existsSync(flag)).toBe(true);
  });

  it('an Output that exists is refused without --force, naming the tape line', async () => {
    const out = join(dir, 'taken.cast');
    writeFileSync(out, 'mine\n');
    const path = tape('taken.tape', `Sleep 1s\nOutput "${out}"\n`);
    expect(await cli('--script', path)).toMatchObject({ code: 2, stderr: `concur-tui: ${path}:2: Output: ${out} exists; use --force to overwrite\n` });
    expect(readFileSync(out, 'utf8')).toBe('mine\n');
  });

  it('a tape without Output, --record or a terminal plays to nobody: refused', async () => {
    const { code, stderr } = await cli('--script', tape('nobody.tape', 'Output demo.gif\nSleep 1s\n'));
    expect(code).toBe(2);
    expect(stderr).toContain('concur-tui: --script needs a terminal to play in, or --record FILE to write a cast\n');
  });

  it('Require checks PATH before anything plays', async () => {
    const cast = join(dir, 'require.cast');
    const path = tape('require.tape', 'Require node\nRequire no-such-program-here\nSleep 1s\n');
    expect(await cli('--script', path, '--record', cast)).toMatchObject({
      code: 2,
      stderr: `concur-tui: ${path}:2: Require: 'no-such-program-here' is not on PATH\n`,
    });
    expect(existsSync(cast)).toBe(false);
  });

  it('Env applies to the whole session, as VHS sets it before starting: Env NO_COLOR gives a cast without colour', async () => {
    const colour = join(dir, 'colour.cast');
    const plain = join(dir, 'plain.cast');
    const base = 'Sleep 300ms\n';
    expect((await cli('--scenario', 'juggle', '--script', tape('colour.tape', base), '--record', colour)).code).toBe(0);
    expect((await cli('--scenario', 'juggle', '--script', tape('plain.tape', `Env NO_COLOR "1"\n${base}`), '--record', plain)).code).toBe(0);
    const sgrColours = (file: string) => (readFileSync(file, 'utf8').match(/\\u001b\[[0-9;]*3[0-7]m/g) ?? []).length;
    expect(sgrColours(colour)).toBeGreaterThan(0);
    expect(sgrColours(plain)).toBe(0);
  });

  it('a screenshot never overwrites a file of yours without --force, and names its line', async () => {
    const shot = join(dir, 'mine.txt');
    writeFileSync(shot, 'notes\n');
    const path = tape('shot.tape', `Sleep 100ms\nScreenshot "${shot}"\n`);
    const refused = await cli('--script', path, '--record', join(dir, 'shot.cast'));
    expect(refused).toMatchObject({ code: 2, stderr: `concur-tui: ${path}:2: Screenshot: ${shot} exists; use --force to overwrite\n` });
    expect(readFileSync(shot, 'utf8')).toBe('notes\n');
    expect((await cli('--scenario', 'juggle', '--script', path, '--record', join(dir, 'shot2.cast'), '--force')).code).toBe(0);
    expect(readFileSync(shot, 'utf8')).toMatch(/^juggle │/);
  });

  it('a Wait that never matches fails at its timeout with the tape line, exit 2', async () => {
    const path = tape('wait.tape', 'Sleep 100ms\nWait+Screen@1s /never there/\n');
    const { code, stderr } = await cli('--scenario', 'juggle', '--script', path, '--record', join(dir, 'wait.cast'));
    expect({ code, stderr }).toEqual({ code: 2, stderr: `concur-tui: ${path}:2: Wait timed out after 1s: /never there/ never matched the screen\n` });
  });
});
