import { lastCall } from './last-call.js';
import type { TimeWindow } from './gantt-rows.js';

/** Tick steps: 1, 2, 5 × 10^k microseconds. */
function niceStep(minimumUs: number): number {
  let scale = 1;
  for (;;) {
    for (const factor of [1, 2, 5]) if (factor * scale >= minimumUs) return factor * scale;
    scale *= 10;
  }
}

/** Decimals that tell apart multiples of `step` (at least `least`); steps are 1, 2, 5 × 10^k. */
const decimalsFor = (step: number, least: number) => Math.max(least, Math.ceil(-Math.log10(step) - 1e-9));

/**
 * `0`, `250us`, `1.5ms`, `2s`, `12.9314s`: short labels with the unit chosen by the step, and as
 * many decimals as the step needs (a zoomed window late in a run ticks every 200 µs at 12.93 s).
 */
export function tickLabel(us: number, stepUs: number): string {
  if (us === 0) return '0';
  if (stepUs >= 1_000_000 || us >= 1_000_000) return `${+(us / 1_000_000).toFixed(decimalsFor(stepUs / 1_000_000, 3))}s`;
  if (stepUs >= 1_000 || us >= 1_000) return `${+(us / 1_000).toFixed(decimalsFor(stepUs / 1_000, 3))}ms`;
  return `${us}us`;
}

/**
 * The playhead's time to about a cell (`cellUs`) in the unit of the window (`spanUs`) or of the
 * time itself if larger: `12.9s` on a whole 26 s run, `12.9345s` in a 30 ms window there. The
 * decimals stay fixed while it moves, so the label does not jitter.
 */
export function playheadTime(us: number, spanUs: number, cellUs: number): string {
  const scaleUs = Math.max(us, spanUs);
  const [unitUs, unit] = scaleUs >= 1_000_000 ? [1_000_000, 's'] : scaleUs >= 1_000 ? [1_000, 'ms'] : [1, 'us'];
  const decimals = Math.min(6, Math.max(0, Math.ceil(-Math.log10(cellUs / unitUs) - 1e-9)));
  return `${(us / unitUs).toFixed(unit === 'us' ? 0 : decimals)}${unit}`;
}

/** A round tick of an axis: where its label starts, and the label. */
interface Tick {
  start: number;
  label: string;
}

/**
 * The ticks of an axis and where their labels start: the same while only the playhead moves,
 * so playback works them out once (`lastCall`).
 */
const ticksOf = lastCall((startUs: number, endUs: number, width: number): readonly Tick[] => {
  const spanUs = endUs - startUs;
  const stepUs = niceStep((spanUs * 10) / width);
  const ticks: Tick[] = [];
  for (let tick = Math.ceil(startUs / stepUs) * stepUs; tick <= endUs; tick += stepUs) {
    const column = Math.round(((tick - startUs) / spanUs) * (width - 1));
    const label = tickLabel(tick, stepUs);
    ticks.push({ start: Math.min(column, width - label.length), label });
  }
  return ticks;
});

/**
 * The time axis under a Gantt panel of `width` cells: labels at round ticks at least ~10 columns
 * apart, and the playhead as a marker (`▲`, or `^` in ASCII). A label the playhead falls on is
 * left out while the playhead passes: a half-covered label (`1▲s`) reads as a wrong time.
 */
export function timeAxis(window: TimeWindow, width: number, unicode: boolean): string {
  const spanUs = window.endUs - window.startUs;
  const rule = unicode ? '─' : '-';
  if (spanUs <= 0 || width <= 0) return rule.repeat(Math.max(0, width));
  const playhead = window.playheadUs < window.endUs ? Math.min(width - 1, Math.floor(((window.playheadUs - window.startUs) / spanUs) * width)) : -1;
  const ticks = ticksOf(window.startUs, window.endUs, width);
  let hidden = '';
  for (let i = 0; i < ticks.length; i++) if (playhead >= ticks[i]!.start && playhead < ticks[i]!.start + ticks[i]!.label.length) hidden += `${i},`;
  const axis = labelledAxis(ticks, width, rule, hidden);
  // Every cell of the axis is one UTF-16 unit (rules, ASCII labels): the marker replaces one.
  return playhead >= 0 ? `${axis.slice(0, playhead)}${unicode ? '▲' : '^'}${axis.slice(playhead + 1)}` : axis;
}

/** Axes drawn for a list of ticks, by rule and by the ticks left out: playback passes each label once, and draws the same axis in between. */
const axesCache = new WeakMap<readonly Tick[], Map<string, string>>();

/** The axis' rule with its labels, those at the indices listed in `hidden` (`0,3,`) left out; a label that would overlap one drawn before is left out too. */
function labelledAxis(ticks: readonly Tick[], width: number, rule: string, hidden: string): string {
  let axes = axesCache.get(ticks);
  if (axes === undefined) axesCache.set(ticks, (axes = new Map()));
  const key = `${rule}${hidden}`;
  const known = axes.get(key);
  if (known !== undefined) return known;
  const cells: string[] = Array.from({ length: width }, () => rule);
  const left = new Set(hidden.split(',').filter(Boolean).map(Number));
  ticks.forEach(({ start, label }, i) => {
    if (left.has(i)) return;
    if (cells.slice(start, start + label.length).some((c) => c !== rule)) return;
    for (let j = 0; j < label.length; j++) cells[start + j] = label[j]!;
  });
  const axis = cells.join('');
  axes.set(key, axis);
  return axis;
}
