import { describe, expect, it } from 'vitest';
import { dashboardSetup } from '../../../src/cli/dashboard-setup.js';
import { UsageError } from '../../../src/engine/errors.js';
import { type ScriptEnd, type ScriptStep, type ScriptedFrame, scriptedFrames } from '../../../src/ui/script/scripted-frames.js';

/** Every item a script yields, and how it ended, on juggle (short tasks, one core) at 80×24. */
function play(steps: ScriptStep[]): { items: ScriptedFrame[]; end: ScriptEnd } {
  const setup = dashboardSetup({ scenario: 'juggle', strategy: 'sequential,threads' });
  const frames = scriptedFrames({ ...setup, theme: { color: false, unicode: true }, size: { columns: 80, rows: 24 }, steps });
  const items: ScriptedFrame[] = [];
  for (let next = frames.next(); ; next = frames.next()) {
    if (next.done) return { items, end: next.value };
    items.push(next.value);
  }
}

const header = (item: ScriptedFrame) => item.frame.toLines()[0]!;

describe('scripted frames: Hide and Show', () => {
  it('what a hidden stretch does is played but neither shown nor timed; Show shows where it got to', () => {
    const shown = play([
      { type: 'sleep', ms: 1000 },
      { type: 'hide' },
      { type: 'keys', keys: ['C'] },
      { type: 'sleep', ms: 5000 },
      { type: 'show' },
      { type: 'sleep', ms: 1000 },
    ]);
    const plain = play([
      { type: 'sleep', ms: 1000 },
      { type: 'sleep', ms: 1000 },
    ]);
    // No frame of the hidden stretch: the key C (one core more) appears only with Show, at 1 s.
    const afterShow = shown.items.find((item) => header(item).includes('2 cores'))!;
    expect(afterShow.atMs).toBe(1000);
    expect(shown.items.filter((item) => item.atMs === 1000 && header(item).includes('1 core '))).toHaveLength(
      shown.items.filter((item) => item.atMs === 1000).length - 1,
    );
    // The hidden 5 s are not in the recording's time, but playback went on meanwhile.
    expect(shown.end.atMs).toBe(plain.end.atMs);
    expect(shown.items.at(-1)!.frame.equals(plain.items.at(-1)!.frame)).toBe(false);
  });
});

describe('scripted frames: Screenshot', () => {
  it('asks for the frame on screen at that moment, without drawing anything new', () => {
    const { items } = play([
      { type: 'keys', keys: ['C'] },
      { type: 'screenshot', path: 'a.txt', format: 'txt', where: 't.tape:2' },
      { type: 'keys', keys: ['c'] },
    ]);
    const shot = items.find((item) => item.screenshot)!;
    expect(shot.screenshot).toEqual({ path: 'a.txt', format: 'txt', where: 't.tape:2' });
    expect(header(shot)).toMatch(/2 cores/);
    const before = items[items.indexOf(shot) - 1]!;
    expect(shot.frame.equals(before.frame)).toBe(true);
  });
});

describe('scripted frames: Wait', () => {
  it('plays on until the pattern matches, then goes on from there', () => {
    const { items, end } = play([{ type: 'wait', scope: 'screen', pattern: /77\.6ms/, timeoutMs: 60_000, where: 't.tape:1' }]);
    expect(items.at(-1)!.frame.toLines().join('\n')).toMatch(/77\.6ms/);
    expect(end.atMs).toBeGreaterThan(0);
    expect(end.atMs).toBeLessThan(60_000);
  });

  it('fails at its timeout naming the tape line when the pattern never matches', () => {
    const steps: ScriptStep[] = [{ type: 'wait', scope: 'line', pattern: />$/, timeoutMs: 2000, where: 't.tape:4' }];
    expect(() => play(steps)).toThrow(UsageError);
    expect(() => play(steps)).toThrow("t.tape:4: Wait timed out after 2s: />$/ never matched the screen's last line");
  });

  it('an already matching screen costs no time', () => {
    expect(play([{ type: 'wait', scope: 'screen', pattern: /juggle/, timeoutMs: 1000, where: 't.tape:1' }]).end.atMs).toBe(0);
  });
});

describe('scripted frames: a quit by the tape', () => {
  it('a Ctrl+C that ends the tape (nothing but sleeps after it) exits 0', () => {
    expect(
      play([
        { type: 'sleep', ms: 100 },
        { type: 'keys', keys: ['\x03'] },
        { type: 'sleep', ms: 1000 },
      ]).end,
    ).toEqual({ atMs: 100, exitCode: 0 });
  });

  it('a Ctrl+C with keys still to come quits with 130, as typed live', () => {
    expect(
      play([
        { type: 'keys', keys: ['\x03'] },
        { type: 'keys', keys: ['C'] },
      ]).end,
    ).toEqual({ atMs: 0, exitCode: 130 });
    expect(play([{ type: 'keys', keys: ['\x03', 'C'] }]).end.exitCode).toBe(130);
  });
});
