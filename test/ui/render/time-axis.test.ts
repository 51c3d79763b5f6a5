import { describe, expect, it } from 'vitest';
import { tickLabel, timeAxis } from '../../../src/ui/render/time-axis.js';

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

  it('formats tick labels in us, ms and s', () => {
    expect([tickLabel(0, 1), tickLabel(250, 50), tickLabel(1_500, 500), tickLabel(2_000_000, 1_000_000)]).toEqual(['0', '250us', '1.5ms', '2s']);
  });
});
