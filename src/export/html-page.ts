import { readFileSync } from 'node:fs';
import { SPAN_STATES, formatDuration, formatElapsed, formatSpeedup, summaryRows, type SpanState, type Trace } from '../engine/index.js';
import { SVG_STATE_COLOR } from './svg-gantt.js';

/**
 * The browser half of the page: plain JavaScript, read when a page is made so that one copy
 * serves the sources (under vitest) and the build alike (the build copies it beside this file).
 */
const CLIENT_SCRIPT = new URL('./html/gantt-client.js', import.meta.url);

/**
 * The SVG's textures of the waiting states (svg-gantt.ts), described for the page's canvas:
 * `hatch` one diagonal, `cross` two, `line` a horizontal line, `dot` a dot, in `stroke`.
 */
const TEXTURE: Partial<Record<SpanState, { kind: 'hatch' | 'cross' | 'line' | 'dot'; stroke: string }>> = {
  ready: { kind: 'hatch', stroke: 'rgba(0,0,0,.35)' },
  'gil-wait': { kind: 'cross', stroke: 'rgba(0,0,0,.45)' },
  io: { kind: 'line', stroke: 'rgba(255,255,255,.6)' },
  spawn: { kind: 'dot', stroke: 'rgba(0,0,0,.4)' },
};

/** The legend's swatches, with the same textures in CSS. */
const SWATCH_TEXTURE: Partial<Record<SpanState, string>> = {
  ready: 'repeating-linear-gradient(135deg, rgba(0,0,0,.35) 0 1px, transparent 1px 4px)',
  'gil-wait':
    'repeating-linear-gradient(45deg, rgba(0,0,0,.45) 0 1px, transparent 1px 4px), repeating-linear-gradient(135deg, rgba(0,0,0,.45) 0 1px, transparent 1px 4px)',
  io: 'repeating-linear-gradient(0deg, transparent 0 2px, rgba(255,255,255,.6) 2px 3px)',
  spawn: 'radial-gradient(rgba(0,0,0,.4) 1px, transparent 1.5px) 0 0 / 5px 5px',
};

/** What the page's script reads: the runs' lanes and spans (`[lane, state index, start, end]` flat), in µs. */
interface PageData {
  states: readonly SpanState[];
  colors: Record<SpanState, string>;
  textures: typeof TEXTURE;
  /** The time the axis may show: the whole run from 0, or the window a zoomed dashboard exported. */
  startUs: number;
  endUs: number;
  runs: Array<{ title: string; lanes: string[]; spans: number[] }>;
}

/**
 * One self-contained HTML page of the trace for a course site: the subtitle (parameters and
 * caption), a Gantt of every run on one time axis that zooms (wheel, + and −), pans (drag,
 * ← and →) and goes back to the whole run (0), a readout of the span under the pointer, the
 * legend and the summary table. Everything is inline and the page's Content-Security-Policy
 * forbids every fetch, so it works from a file or a course site with no network.
 */
export function traceToHtml(trace: Trace, subtitle: readonly string[] = []): string {
  const [heading = trace.workload, ...rest] = subtitle;
  const data: PageData = {
    states: SPAN_STATES,
    colors: SVG_STATE_COLOR,
    textures: TEXTURE,
    startUs: trace.window?.startUs ?? 0,
    endUs: 0,
    runs: trace.runs.map((run) => ({
      title: `${run.source} ${run.strategy} — ${formatDuration(run.elapsedUs)}`,
      lanes: run.lanes.map((lane) => lane.name),
      spans: run.spans.flatMap((span) => [span.lane, SPAN_STATES.indexOf(span.state), span.startUs, span.endUs]),
    })),
  };
  // Loops, not Math.max(...spans): a long run has more spans than the stack has room for arguments.
  for (const run of trace.runs) {
    data.endUs = Math.max(data.endUs, run.elapsedUs);
    for (const span of run.spans) data.endUs = Math.max(data.endUs, span.endUs);
  }
  if (trace.window) data.endUs = trace.window.endUs;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // No network at all: nothing on the page may be fetched, so it works offline, as promised.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${html(`${trace.workload} — concur-tui`)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<header><h1>${html(heading)}</h1>${rest.map((line) => `<p class="subtitle">${html(line)}</p>`).join('')}</header>`,
    '<div class="bar">',
    '<p class="keys">Wheel or <kbd>+</kbd> / <kbd>−</kbd> zoom · drag or <kbd>←</kbd> / <kbd>→</kbd> pan · <kbd>0</kbd> whole run</p>',
    '<p>Window: <output id="window"></output></p>',
    '<p id="readout" aria-live="polite">Point at a span to read it.</p>',
    '</div>',
    '<canvas id="gantt" tabindex="0" aria-label="Gantt chart of the runs"></canvas>',
    legend(),
    table(trace),
    trace.notes.length === 0 ? '' : `<ul class="notes">${trace.notes.map((note) => `<li>${html(note)}</li>`).join('')}</ul>`,
    // `<` as \u003c: no span or name can close the script element early.
    `<script type="application/json" id="trace-data">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`,
    `<script>${readFileSync(CLIENT_SCRIPT, 'utf8')}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function legend(): string {
  const items = SPAN_STATES.map((state) => {
    const texture = SWATCH_TEXTURE[state];
    const background = texture === undefined ? SVG_STATE_COLOR[state] : `${texture}, ${SVG_STATE_COLOR[state]}`;
    return `<li><span class="swatch" style="background: ${background}"></span>${state}</li>`;
  });
  items.push(
    `<li><span class="swatch" style="background: linear-gradient(${SVG_STATE_COLOR.running} 50%, ${SVG_STATE_COLOR['gil-wait']} 50%)"></span>finer than a pixel: each state as tall as its share</li>`,
  );
  return `<ul class="legend">${items.join('')}</ul>`;
}

/** The summary table (`summaryRows`), the fastest run of each source in bold, as in the SVG. */
function table(trace: Trace): string {
  const header = ['strategy', 'source', 'elapsed', 'speedup', 'CPU %', 'switches', 'GIL hand-offs'];
  const rows = summaryRows(trace.runs).map((row) => {
    const cells = [
      row.failed > 0 ? `${row.strategy} (${row.failed} failed)` : row.strategy,
      row.source,
      formatElapsed(row.elapsedUs),
      row.speedup === null ? '—' : `${formatSpeedup(row.speedup)}×`,
      `${row.cpuPercent.toFixed(0)}%`,
      String(row.contextSwitches),
      String(row.gilHandoffs),
    ];
    return `<tr${row.best ? ' class="best"' : ''}>${cells.map((cell) => `<td>${html(cell)}</td>`).join('')}</tr>`;
  });
  return `<table class="summary"><thead><tr>${header.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const STYLE = `
body { font: 14px system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; margin: 16px; color: #000; background: #fff; }
h1 { font-size: 17px; margin: 0 0 4px; }
.subtitle { margin: 2px 0; color: #333; }
.bar { position: sticky; top: 0; background: #fff; padding: 4px 0; border-bottom: 1px solid #ccc; z-index: 1; }
.bar p { margin: 2px 0; }
#readout { font-variant-numeric: tabular-nums; min-height: 1.3em; }
kbd { border: 1px solid #999; border-radius: 3px; padding: 0 3px; font-size: 12px; }
#gantt { display: block; width: 100%; margin: 8px 0; cursor: grab; touch-action: none; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 6px 18px; }
.legend li { display: flex; align-items: center; gap: 6px; }
.swatch { display: inline-block; width: 14px; height: 14px; border: .5px solid #333; }
.summary { border-collapse: collapse; margin-top: 8px; font-variant-numeric: tabular-nums; }
.summary th, .summary td { padding: 2px 10px; text-align: right; }
.summary th:nth-child(-n+2), .summary td:nth-child(-n+2) { text-align: left; }
.summary thead th { border-bottom: 1px solid #333; }
.summary .best { font-weight: bold; }
`;

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function html(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITY[c] ?? c);
}
