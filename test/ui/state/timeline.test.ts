import { describe, expect, it } from 'vitest';
import { NO_LAYERS } from '../../../src/engine/index.js';
import { PLAYBACK_SECONDS, initialModel, type Model } from '../../../src/ui/state/model.js';
import { update } from '../../../src/ui/state/update.js';
import type { TimelineMove } from '../../../src/ui/state/view-window.js';

const END_US = 26_000_000;
const ends = { endUs: END_US, viewEndUs: END_US };
const model = (changes: Partial<Model> = {}): Model => ({
  ...initialModel({ scenario: 'count', layers: NO_LAYERS, strategies: ['sequential', 'threads'], speed: 1 }),
  ...changes,
});
const move = (m: Model, ...moves: TimelineMove[]) => moves.reduce((acc, each) => update(acc, { type: 'timeline', move: each, ...ends }), m);

describe('timeline keys', () => {
  it('zoom in around the playhead and back out to the whole run', () => {
    const zoomedIn = move(model({ playheadUs: 13_000_000, paused: true }), 'zoom-in', 'zoom-in');
    expect(zoomedIn.window).toEqual({ startUs: 11_500_000, spanUs: 3_000_000 });
    expect(move(zoomedIn, 'zoom-out').window).toEqual({ startUs: 8_000_000, spanUs: 10_000_000 });
    expect(move(zoomedIn, 'zoom-out', 'zoom-out').window).toBeNull();
    expect(move(zoomedIn, 'whole-run').window).toBeNull();
    expect(move(zoomedIn, 'pan-right').window).toEqual({ startUs: 13_000_000, spanUs: 3_000_000 });
  });

  it('steps 1/100 of the window shown, back as well as forward, and pauses', () => {
    const zoomedIn = move(model({ playheadUs: 13_000_000 }), 'zoom-in', 'zoom-in', 'zoom-in', 'zoom-in', 'zoom-in', 'zoom-in');
    expect(zoomedIn.window).toEqual({ startUs: 12_985_000, spanUs: 30_000 });
    expect(move(zoomedIn, 'step-back')).toMatchObject({ playheadUs: 12_999_700, paused: true });
    expect(move(zoomedIn, 'step-forward', 'step-forward')).toMatchObject({ playheadUs: 13_000_600, paused: true });
    // Not zoomed, a step is 1/100 of the run, and never before its start.
    expect(move(model({ playheadUs: 100_000 }), 'step-back')).toMatchObject({ playheadUs: 0, paused: true });
    expect(move(model(), 'step-forward').playheadUs).toBe(END_US / 100);
  });

  it('plays the window on screen in PLAYBACK_SECONDS at speed 1 (slow motion when zoomed), turning pages as the playhead leaves it', () => {
    const window = { startUs: 0, spanUs: 30_000 };
    const oneSecond = update(model({ window }), { type: 'tick', dtMs: 1_000, ...ends });
    expect(oneSecond.playheadUs).toBe(30_000 / PLAYBACK_SECONDS);
    const slow = update(model({ window, speed: 0.05 }), { type: 'tick', dtMs: 1_000, ...ends });
    expect(slow.playheadUs).toBeCloseTo((30_000 * 0.05) / PLAYBACK_SECONDS, 6);
    const paged = update(model({ window, playheadUs: 29_000 }), { type: 'tick', dtMs: 1_000, ...ends });
    expect(paged.window).toEqual({ startUs: 30_000, spanUs: 30_000 });
    // The whole run, as before: the longest run in PLAYBACK_SECONDS.
    expect(update(model(), { type: 'tick', dtMs: 1_000, ...ends }).playheadUs).toBe(END_US / PLAYBACK_SECONDS);
  });

  it('replay takes a zoomed window back to the start; another scenario opens whole', () => {
    const zoomedIn = move(model({ playheadUs: 13_000_000 }), 'zoom-in', 'zoom-in');
    expect(update(zoomedIn, { type: 'restart' }).window).toEqual({ startUs: 0, spanUs: 3_000_000 });
    expect(update(zoomedIn, { type: 'scenario', index: 4 }).window).toBeNull();
  });

  it('a timeline key that can move nothing says why in the caption, and the next key clears it', () => {
    const whole = model({ paused: true });
    expect(move(whole, 'pan-right').notice).toBe('>: the whole run is on screen (z zooms in, then < and > pan)');
    expect(move(whole, 'zoom-out').notice).toBe('Z: the whole run is on screen');
    expect(move(whole, 'whole-run').notice).toBe('w: the whole run is on screen');
    expect(move(whole, 'step-back').notice).toBe(',: the playhead is at the start');
    expect(move(model({ paused: true, playheadUs: END_US }), 'step-forward').notice).toBe('.: the playhead is at the end');
    const narrowest = move(model({ playheadUs: 13_000_000 }), ...Array<TimelineMove>(9).fill('zoom-in'));
    expect(narrowest.window?.spanUs).toBe(1_000);
    expect(narrowest.notice).toBeNull();
    expect(move(narrowest, 'zoom-in').notice).toBe('z: the window is as narrow as it goes (1ms)');
    expect(move(move(narrowest, 'zoom-in'), 'zoom-out')).toMatchObject({ notice: null, window: { spanUs: 3_000 } });
    expect(move({ ...narrowest, window: { startUs: 0, spanUs: 1_000 } }, 'pan-left').notice).toBe('<: the window is at the start of the run');
  });

  it('in the real view (no playhead) zooms around the middle of the window', () => {
    const realView = model({ view: 'real', playheadUs: 0 });
    const real = { endUs: END_US, viewEndUs: 1_000_000 };
    expect(update(realView, { type: 'timeline', move: 'zoom-in', ...real }).window).toEqual({ startUs: 350_000, spanUs: 300_000 });
  });
});
