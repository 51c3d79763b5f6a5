import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { playheadTime, tickLabel, timeAxis } from '../../../src/ui/render/time-axis.js';
import type { TimeWindow } from '../../../src/ui/render/gantt-rows.js';

/** The axis drawn cell by cell on every call, as it was before playback reused the labelled rule: what the reused one must equal. */
function axisCellByCell(window: TimeWindow, width: number, unicode: boolean): string {
  const spanUs = window.endUs - window.startUs;
  const cells: string[] = Array.from({ length: width }, () => (unicode ? '─' : '-'));
  if (spanUs <= 0 || width <= 0) return cells.join('');
  const playhead = window.playheadUs < window.endUs ? Math.min(width - 1, Math.floor(((window.playheadUs - window.startUs) / spanUs) * width)) : -1;
  let stepUs = 1;
  for (let scale = 1; ; scale *= 10) {
    const factor = [1, 2, 5].find((f) => f * scale >= (spanUs * 10) / width);
    if (factor !== undefined) {
      stepUs = factor * scale;
      break;
    }
  }
  for (let tick = Math.ceil(window.startUs / stepUs) * stepUs; tick <= window.endUs; tick += stepUs) {
    const label = tickLabel(tick, stepUs);
    const start = Math.min(Math.round(((tick - window.startUs) / spanUs) * (width - 1)), width - label.length);
    if (playhead >= start && playhead < start + label.length) continue;
    if (cells.slice(start, start + label.length).some((c) => c !== '─' && c !== '-')) continue;
    for (let i = 0; i < label.length; i++) cells[start + i] = label[i]!;
  }
  if (playhead >= 0) cells[playhead] = unicode ? '▲' : '^';
  return cells.join('');
}

describe('time axis', () => {
  it('labels round ticks with a unit chosen by scale', () => {
    // A tick at t sits at column round(t / end × (width − 1)): 5 s of 26 s on 60 columns → 11.
    expect(timeAxis({ startUs: 0, endUs: 26_000_000, playheadUs: 26_000_000 }, 60, true)).toBe('0──────────5s──────────10s────────15s────────20s─────────25s');
    // The last label is pulled left to stay inside the axis.
    expect(timeAxis({ startUs: 0, endUs: 15_000, playheadUs: 15_000 }, 40, false)).toBe('0------------5ms----------10ms------15ms');
  });

  it('marks the playhead', () => {
    const axis = timeAxis({ startUs: 0, endUs: 1_000_000, playheadUs: 500_000 }, 40, true);
    expect(axis.indexOf('▲')).toBe(20);
  });

  it('never draws the playhead inside a label: the label it falls on is left out while it passes', () => {
    for (const [endUs, width] of [
      [26_000_000, 58],
      [2_013_316, 55],
      [281_710, 56],
    ] as const) {
      const labels = new Set(timeAxis({ startUs: 0, endUs, playheadUs: endUs }, width, true).split(/─+/));
      for (let column = 0; column < width; column++) {
        const axis = timeAxis({ startUs: 0, endUs, playheadUs: ((column + 0.5) / width) * endUs }, width, true);
        expect(axis.indexOf('▲')).toBe(column);
        // Every piece of text left between the rules and the marker is a whole label (no `1▲s`).
        for (const piece of axis.split(/[─▲]+/).filter(Boolean)) expect(labels).toContain(piece);
      }
    }
  });

  it('draws the axis a cell-by-cell drawing would, at every playhead position of a playback and back (the labelled rule is reused)', () => {
    const axis = fc.record({
      startUs: fc.integer({ min: 0, max: 30_000_000 }),
      spanUs: fc.integer({ min: 1, max: 30_000_000 }),
      width: fc.integer({ min: 1, max: 120 }),
      unicode: fc.boolean(),
      backTo: fc.integer({ min: 0, max: 100 }),
    });
    fc.assert(
      fc.property(axis, ({ startUs, spanUs, width, unicode, backTo }) => {
        const at = (step: number) => ({ startUs, endUs: startUs + spanUs, playheadUs: startUs + (spanUs * step) / 100 });
        for (const step of [...Array.from({ length: 102 }, (_, i) => i), backTo]) {
          expect(timeAxis(at(step), width, unicode)).toBe(axisCellByCell(at(step), width, unicode));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('labels a zoomed window late in a run with the decimals its step needs', () => {
    expect(tickLabel(12_931_400, 200)).toBe('12.9314s');
    expect(tickLabel(12_930_000, 10_000)).toBe('12.93s');
    expect(timeAxis({ startUs: 12_985_000, endUs: 13_015_000, playheadUs: 13_015_000 }, 58, true)).toBe(
      `${'─'.repeat(10)}12.99s${'─'.repeat(13)}13s${'─'.repeat(16)}13.01s${'─'.repeat(4)}`,
    );
  });

  it("gives the playhead's time to about a cell, in the window's unit or the time's if larger", () => {
    expect(playheadTime(12_934_567, 26_000_000, 450_000)).toBe('12.9s');
    expect(playheadTime(12_934_567, 30_000, 520)).toBe('12.9346s');
    expect(playheadTime(0, 30_000, 520)).toBe('0.0ms');
    expect(playheadTime(15_340, 30_000, 520)).toBe('15.3ms');
    expect(playheadTime(640, 800, 15)).toBe('640us');
  });

  it('formats tick labels in us, ms and s', () => {
    expect([tickLabel(0, 1), tickLabel(250, 50), tickLabel(1_500, 500), tickLabel(2_000_000, 1_000_000)]).toEqual(['0', '250us', '1.5ms', '2s']);
  });
});
