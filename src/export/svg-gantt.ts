import { SPAN_STATES, UsageError, formatDuration, type Run, type Span, type SpanState, type Trace } from '../engine/index.js';
import { mergeSubPixel, type Segment } from './sub-pixel-merge.js';
import { drawTable } from './svg-table.js';
import { CHAR_PX, FONT_PX, MARGIN, num, truncate, wrap, xml } from './svg-text.js';

/** How to draw the SVG Gantt chart. */
export interface SvgOptions {
  /** Width of the picture in px (default 1200, at least 320); the height follows from the content. */
  width?: number;
  /** Lines under the title, e.g. the parameters and the caption of what the picture shows. */
  subtitle?: readonly string[];
}

/**
 * Fill per state: the Okabe–Ito palette, which stays distinct under the common colour-vision
 * deficiencies, in the same hues as the terminal view (green runs, yellow waits, red is the GIL…).
 */
export const SVG_STATE_COLOR: Record<SpanState, string> = {
  running: '#009E73',
  ready: '#F0E442',
  'gil-wait': '#D55E00',
  io: '#0072B2',
  spawn: '#CC79A7',
  done: '#555555',
  failed: '#C00000',
};

/** A texture per waiting state, so the chart still reads in grey-scale print or on a projector. */
const TEXTURE: Partial<Record<SpanState, string>> = {
  ready: '<path d="M0 6L6 0" stroke="#000" stroke-opacity=".35"/>',
  'gil-wait': '<path d="M0 6L6 0M0 0L6 6" stroke="#000" stroke-opacity=".45"/>',
  io: '<path d="M0 3H6" stroke="#fff" stroke-opacity=".6"/>',
  spawn: '<circle cx="3" cy="3" r="1.2" fill="#000" fill-opacity=".4"/>',
};

const MIN_WIDTH = 320;
const ROW_PX = 16;
const ROW_GAP_PX = 4;
/** Axis labels at least this far apart, so they never collide. */
const TICK_GAP_PX = 90;

/**
 * Draws the trace as a standalone SVG 1.1 document for slides: per run a heading
 * (`source strategy — elapsed`), one row per lane with its spans coloured and textured by state,
 * `done`/`failed` markers, GIL hand-off ticks and a time axis; then a legend and the summary
 * table. All runs share one time scale, so faster runs are visibly shorter.
 * @throws UsageError when `options.width` is not a number of at least 320.
 */
export function traceToSvg(trace: Trace, options: SvgOptions = {}): string {
  const width = options.width ?? 1200;
  if (!Number.isFinite(width) || width < MIN_WIDTH) throw new UsageError(`svg width must be at least ${MIN_WIDTH} px (got ${width})`);
  let longest = 4;
  for (const run of trace.runs) for (const lane of run.lanes) longest = Math.max(longest, lane.name.length);
  const labelPx = Math.min(Math.round(width * 0.3), longest * CHAR_PX + 12);
  const plotX = MARGIN + labelPx;
  const plotPx = width - plotX - MARGIN;
  // An export of a zoomed dashboard draws its window (its spans are cut at the window's edges).
  const fromUs = trace.window?.startUs ?? 0;
  const spanUs = trace.window ? trace.window.endUs - fromUs : trace.runs.reduce((max, run) => Math.max(max, runEndUs(run)), 1);
  const x = (us: number): number => plotX + ((us - fromUs) / spanUs) * plotPx;
  const out: string[] = [];
  let y = drawTitle(out, trace.workload, options.subtitle ?? [], width);
  for (const run of trace.runs) {
    y = drawRun(out, run, y, { x, plotX, plotPx, fromUs, spanUs, labelChars: Math.floor((labelPx - 8) / CHAR_PX) });
  }
  y = drawLegend(out, y, width);
  y = drawTable(out, trace, y, width);
  const height = Math.ceil(y + MARGIN);
  const defs = Object.entries(TEXTURE).map(([state, texture]) => {
    const fill = SVG_STATE_COLOR[state as SpanState];
    return `<pattern id="p-${state}" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="${fill}"/>${texture}</pattern>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif" font-size="${FONT_PX}">`,
    `<title>${xml(`${trace.workload}: ${trace.runs.length} runs`)}</title>`,
    `<defs>${defs.join('')}</defs>`,
    // Slides are often dark; a transparent chart with black text would vanish on them.
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...out,
    '</svg>',
    '',
  ].join('\n');
}

/** The scale and geometry shared by every run's block. */
interface Scale {
  x: (us: number) => number;
  plotX: number;
  plotPx: number;
  /** Where the axis starts: 0, or a zoomed window's start. */
  fromUs: number;
  spanUs: number;
  labelChars: number;
}

/** Loops, not `Math.max(...spans)`: a long run has more spans than the stack has room for arguments. */
function runEndUs(run: Run): number {
  let endUs = run.elapsedUs;
  for (const span of run.spans) endUs = Math.max(endUs, span.endUs);
  for (const instant of run.instants) endUs = Math.max(endUs, instant.atUs);
  return endUs;
}

/** One run: heading, lane rows, markers and axis. Returns the y below it. */
function drawRun(out: string[], run: Run, top: number, scale: Scale): number {
  const { x } = scale;
  out.push(
    `<g class="run">`,
    `<text x="${MARGIN}" y="${num(top + 16)}" font-size="16" font-weight="bold">${xml(`${run.source} ${run.strategy} — ${formatDuration(run.elapsedUs)}`)}</text>`,
  );
  const rowsTop = top + 28;
  const rowY = (lane: number): number => rowsTop + lane * (ROW_PX + ROW_GAP_PX);
  for (const lane of run.lanes) {
    out.push(`<text x="${MARGIN}" y="${num(rowY(lane.id) + 12)}">${xml(truncate(lane.name, scale.labelChars))}</text>`);
  }
  let done = '';
  for (const span of run.spans) {
    const y = rowY(span.lane);
    if (span.state === 'done') {
      done += `M${num(x(span.startUs))} ${num(y)}v${ROW_PX}`;
    } else if (span.state === 'failed') {
      const error = run.tasks[span.lane]?.error ?? 'failed';
      out.push(
        `<g><title>${xml(error)}</title><path d="${cross(x(span.startUs), y + ROW_PX / 2)}" stroke="${SVG_STATE_COLOR.failed}" stroke-width="2.5"/></g>`,
      );
    }
  }
  const usPerPx = scale.spanUs / scale.plotPx;
  for (const [lane, spans] of spansByLane(run)) {
    for (const segment of mergeSubPixel(spans, usPerPx)) drawSegment(out, segment, rowY(lane), x);
  }
  if (done) out.push(`<path d="${done}" stroke="${SVG_STATE_COLOR.done}" stroke-width="2"/>`);
  const axisY = rowY(run.lanes.length) + 2;
  // GIL hand-offs tick the receiving lane's row top; hand-offs to no task tick the axis. More
  // ticks than one per 3 px would only paint the rows black: the table gives their number.
  const plotPx = Math.abs(x(Math.min(runEndUs(run), scale.fromUs + scale.spanUs)) - x(scale.fromUs));
  const legible = run.instants.length <= plotPx / 3;
  const ticks = (legible ? run.instants : []).map((i) => `M${num(x(i.atUs))} ${num(i.lane < 0 ? axisY - 6 : rowY(i.lane) - 3)}v5`).join('');
  if (ticks) out.push(`<path class="gil-handoffs" d="${ticks}" stroke="#000" stroke-width="1"/>`);
  const bottom = drawAxis(out, axisY, scale);
  out.push('</g>');
  return bottom + 20;
}

/**
 * The first line (the subtitle's, else the workload) in bold, then the rest, wrapped at words to
 * the width, so a slide says what was run and what it shows. Returns the y below.
 */
function drawTitle(out: string[], workload: string, subtitle: readonly string[], width: number): number {
  const chars = Math.max(20, Math.floor((width - 2 * MARGIN) / CHAR_PX));
  const [first = workload, ...rest] = subtitle;
  let y = MARGIN;
  for (const line of wrap(first, Math.floor(chars * 0.85))) {
    y += 18;
    out.push(`<text class="title" x="${MARGIN}" y="${y}" font-size="15" font-weight="bold">${xml(line)}</text>`);
  }
  for (const line of rest.flatMap((text) => wrap(text, chars))) {
    y += 18;
    out.push(`<text class="subtitle" x="${MARGIN}" y="${y}" fill="#333">${xml(line)}</text>`);
  }
  return y + 16;
}

/** Each lane's spans, in the order the run lists them. */
function spansByLane(run: Run): Map<number, Span[]> {
  const byLane = new Map<number, Span[]>();
  for (const span of run.spans) {
    const spans = byLane.get(span.lane);
    if (spans === undefined) byLane.set(span.lane, [span]);
    else spans.push(span);
  }
  return byLane;
}

/**
 * A span as one rectangle; a merged stretch of sub-pixel spans as stripes stacked from the row's
 * top, each as tall as its state's share of the stretch (so a 50/50 GIL fight is two half rows).
 */
function drawSegment(out: string[], segment: Segment, top: number, x: (us: number) => number): void {
  // Sub-pixel slices still get a hairline, so a lone short span does not vanish.
  const w = num(Math.max(0.5, x(segment.endUs) - x(segment.startUs)));
  const left = num(x(segment.startUs));
  if (segment.shares.length === 1) {
    const { state } = segment.shares[0]!;
    out.push(`<rect class="span ${state}" x="${left}" y="${top}" width="${w}" height="${ROW_PX}" fill="${fillOf(state)}"/>`);
    return;
  }
  let y = top;
  for (const { state, share } of segment.shares) {
    const h = share * ROW_PX;
    out.push(`<rect class="span mixed ${state}" x="${left}" y="${num(y)}" width="${w}" height="${num(h)}" fill="${fillOf(state)}"/>`);
    y += h;
  }
}

/** The time axis: a line, round ticks 1/2/5 × 10^k apart, labels in µs, ms or s by the scale. */
function drawAxis(out: string[], y: number, { x, plotX, plotPx, fromUs, spanUs }: Scale): number {
  const stepUs = niceStep((spanUs * TICK_GAP_PX) / plotPx);
  const [unitUs, unit] = fromUs + spanUs >= 1_000_000 ? [1_000_000, 's'] : fromUs + spanUs >= 1_000 ? [1_000, 'ms'] : [1, 'µs'];
  const parts = [`<path d="M${plotX} ${y}H${num(plotX + plotPx)}" stroke="#333"/>`];
  for (let tick = Math.ceil(fromUs / stepUs) * stepUs; tick <= fromUs + spanUs; tick += stepUs) {
    const label = tick === 0 ? '0' : `${Number((tick / unitUs).toFixed(6))}${unit}`;
    const anchor = x(tick) < plotX + 30 ? 'start' : x(tick) > plotX + plotPx - 30 ? 'end' : 'middle';
    parts.push(
      `<path d="M${num(x(tick))} ${y}v4" stroke="#333"/>`,
      `<text x="${num(x(tick))}" y="${y + 17}" font-size="11" text-anchor="${anchor}" fill="#333">${label}</text>`,
    );
  }
  out.push(`<g class="axis">${parts.join('')}</g>`);
  return y + 20;
}

/** Smallest step of 1, 2 or 5 × 10^k µs that is at least `minimumUs`. */
function niceStep(minimumUs: number): number {
  for (let scale = 1; ; scale *= 10) {
    for (const factor of [1, 2, 5]) if (factor * scale >= minimumUs) return factor * scale;
  }
}

/** States with their swatch, wrapping to a new line when the width runs out. Returns the y below. */
function drawLegend(out: string[], top: number, width: number): number {
  const items = [
    ...SPAN_STATES.map((state) => ({ label: state, swatch: swatch(state) })),
    { label: 'GIL hand-off', swatch: '<path d="M7 1v12" stroke="#000"/>' },
    // Merged sub-pixel spans (sub-pixel-merge.ts) would otherwise read as two lanes in one row.
    {
      label: 'finer than a pixel: each state as tall as its share',
      swatch: `<rect width="14" height="7" fill="${fillOf('running')}"/><rect y="7" width="14" height="7" fill="${fillOf('gil-wait')}"/>`,
    },
  ];
  const parts: string[] = [];
  let x = MARGIN;
  let y = top;
  for (const item of items) {
    const itemPx = 22 + item.label.length * CHAR_PX + 16;
    if (x + itemPx > width - MARGIN && x > MARGIN) [x, y] = [MARGIN, y + 20];
    parts.push(`<g transform="translate(${num(x)} ${y})">${item.swatch}<text x="20" y="12">${xml(item.label)}</text></g>`);
    x += itemPx;
  }
  out.push(`<g class="legend">${parts.join('')}</g>`);
  return y + 32;
}

function swatch(state: SpanState): string {
  if (state === 'done') return `<path d="M7 0v14" stroke="${SVG_STATE_COLOR.done}" stroke-width="2"/>`;
  if (state === 'failed') return `<path d="${cross(7, 7)}" stroke="${SVG_STATE_COLOR.failed}" stroke-width="2.5"/>`;
  return `<rect width="14" height="14" fill="${fillOf(state)}" stroke="#333" stroke-width=".5"/>`;
}

function fillOf(state: SpanState): string {
  return TEXTURE[state] === undefined ? SVG_STATE_COLOR[state] : `url(#p-${state})`;
}

/** An ✗ of 8 px centred on (cx, cy). */
function cross(cx: number, cy: number): string {
  return `M${num(cx - 4)} ${num(cy - 4)}l8 8m0 -8l-8 8`;
}
