import { assertNever, pairRuns, type EmulatorParams, type RealRuntimeName, type Run, type Trace } from '../engine/index.js';
import type { CellBuffer } from './render/cell-buffer.js';
import { frameOfLines } from './render/frame-rows.js';
import { caption } from './render/caption.js';
import { realCaption } from './render/real-caption.js';
import { STRATEGY_COLUMN, ganttPanel } from './render/gantt-panel.js';
import { footerLine, helpFooterLine, helpPage } from './render/help-lines.js';
import { laneLegendLine, legendLine } from './render/legend.js';
import { lastCall } from './render/last-call.js';
import { plain, sameLines, styled, type Line } from './render/line.js';
import { inspectorLines } from './render/lane-inspector.js';
import { paramsLine } from './render/params-line.js';
import { taskTableLines } from './render/task-table-lines.js';
import { tableLines } from './render/table-lines.js';
import { DIM } from './render/style.js';
import { columnsOf, truncate, wrap } from './render/text.js';
import type { Model, View } from './state/model.js';
import { shownWindow } from './state/view-window.js';
import type { Theme } from './theme.js';
import { selectedIndex, viewLanes, type ViewLane } from './view-lanes.js';

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 14;
/** From this many rows the lane inspector takes three lines, below it two. */
const INSPECTOR_ROOM_ROWS = 24;

export interface TerminalSize {
  columns: number;
  rows: number;
}

/** Longest elapsed time among runs (the right edge of their Gantt panel). */
export function endOf(runs: readonly Run[]): number {
  return runs.reduce((max, run) => Math.max(max, run.elapsedUs), 0);
}

/**
 * Where the timeline of a view ends: the runs it draws (side by side: both, on one axis). A
 * zoomed window is kept inside it, the same for the keys that move it and the frame that draws it.
 */
export function viewEndOf(view: View, emulated: readonly Run[], real: readonly Run[]): number {
  switch (view) {
    case 'emulated':
    case 'per-core':
    case 'tasks':
      return Math.max(1, endOf(emulated));
    case 'real':
      return Math.max(1, endOf(real.length > 0 ? real : emulated));
    case 'side-by-side':
      return Math.max(1, endOf(emulated), endOf(real));
    default:
      return assertNever(view, 'view');
  }
}

/**
 * The whole screen as a cell buffer, a pure function of the model, the traces and the size.
 * The frame is one row shorter than the terminal (the last row stays free, as it always has:
 * a frame as tall as the terminal made Ink clear the screen). The buffer applies the theme to
 * every cell (no colour with NO_COLOR, ASCII stand-ins with `--ascii`) and clips at its edges.
 */
export function screenLines(model: Model, emulated: Trace, size: TerminalSize, theme: Theme, refusal: string | null = null): CellBuffer {
  const lines = frameLines(model, emulated, size, theme, refusal);
  return frameOfLines(lines, Math.max(0, size.columns), Math.max(1, size.rows - 1), theme);
}

/** No real runs (one array for every frame, so the lines drawn from it are remembered). */
const NO_RUNS: readonly Run[] = [];

// Lines that do not move with the playhead, remembered from the last frame (see lastCall).
const captionOf = lastCall(caption);
const realCaptionOf = lastCall((real: Trace, emulated: Trace, running: boolean, params: EmulatorParams, runtime: RealRuntimeName) =>
  realCaption(real, emulated, running, { params, runtime }),
);
const footerOf = lastCall(footerLine);
const legendOf = lastCall(legendLine);
const laneLegendOf = lastCall((runs: readonly Run[], width: number) => laneLegendLine(runs[0]?.lanes.map((lane) => lane.name) ?? [], width));
const viewLanesOf = lastCall(viewLanes);
const longestLaneOf = lastCall((emulated: readonly Run[], real: readonly Run[]) =>
  Math.max(0, ...[...emulated, ...real].flatMap((run) => run.lanes.map((lane) => lane.name.length))),
);
const inspectorOf = lastCall(inspectorLines);
const tableOf = lastCall(
  (emulated: readonly Run[], real: readonly Run[], playedUs: number, width: number, theme: Theme, params: EmulatorParams, runtime: RealRuntimeName) =>
    tableLines(emulated, real, playedUs, width, theme, { params, runtime }),
);

/**
 * The table reads the playhead only to show the emulated runs that have ended by then: the
 * latest end not after it (-1: none yet) shows the same rows, and changes only when a run ends.
 */
function playedUpTo(runs: readonly Run[], playheadUs: number): number {
  return runs.reduce((latest, run) => (run.elapsedUs <= playheadUs ? Math.max(latest, run.elapsedUs) : latest), -1);
}

function frameLines(model: Model, emulated: Trace, size: TerminalSize, theme: Theme, refusal: string | null): Line[] {
  if (size.columns < MIN_COLUMNS || size.rows < MIN_ROWS) {
    // Short lines, so that even a 20×6 terminal shows the whole message.
    const message = ['Enlarge the terminal', `to at least ${MIN_COLUMNS}×${MIN_ROWS}`, `(now ${size.columns}×${size.rows}).`];
    return message.slice(0, Math.max(1, size.rows - 1)).map((line) => plain(truncate(line, size.columns)));
  }
  const width = size.columns;
  const budget = size.rows - 1;
  const realRuns = model.real.trace?.runs ?? NO_RUNS;
  const showsReal = (model.view === 'real' || model.view === 'side-by-side') && realRuns.length > 0;
  const captionText =
    refusal ??
    model.notice ??
    model.narration ??
    (showsReal && model.real.trace
      ? realCaptionOf(model.real.trace, emulated, model.real.status === 'running', model.params, model.runtime)
      : captionOf(emulated, model.params));
  const header = paramsLine(model, width, theme, endOf(emulated.runs));
  if (model.help) {
    const help = helpPage(theme, width, budget - 2, model.helpPage);
    return [header, ...help.lines, helpFooterLine(width, help.page, help.pages)];
  }
  const footer = footerOf(width, model.view);

  const table = tableOf(emulated.runs, realRuns, playedUpTo(emulated.runs, model.playheadUs), width, theme, model.params, model.runtime);
  const legend = model.view === 'per-core' ? laneLegendOf(emulated.runs, width) : legendOf(theme, width);
  const lanes = viewLanesOf(model.view, emulated.runs, realRuns);
  const selected = selectedIndex(lanes, model.selectedLane);
  // Three lines hold every figure at 80 columns; a short terminal keeps its rows for the Gantt.
  const inspector = selected >= 0 ? inspectorOf(lanes[selected]!, width, size.rows >= INSPECTOR_ROOM_ROWS ? 3 : 2) : [];
  const bottom = [...inspector, legend, ...table, footer];
  // Rows for the Gantt with the header and a one-line caption above it.
  const ganttRows = budget - 2 - bottom.length;
  const longestLane = longestLaneOf(emulated.runs, realRuns);
  // The strategy's column, then the lane's name; never more than a third of the width.
  const labelWidth = Math.min(Math.floor(width / 3), STRATEGY_COLUMN + Math.max(6, longestLane) + 1);
  // Zoomed, every panel of the view draws the one window (side by side too: one shared axis).
  const zoomed = model.window === null ? null : shownWindow(model.window, viewEndOf(model.view, emulated.runs, realRuns));
  const panel = (runs: readonly Run[], maxRows: number, playheadUs: number, { perCore = false, axisLabel, endUs, selectedRow }: PanelOptions = {}) =>
    ganttPanel({
      axisLabel,
      selectedRow,
      zoomed: zoomed !== null,
      runs,
      window: { ...(zoomed ?? { startUs: 0, endUs: Math.max(1, endUs ?? endOf(runs)) }), playheadUs },
      labelWidth,
      barWidth: width - labelWidth - 1,
      maxRows: maxRows - 1,
      perCore,
      theme,
    });
  // The selected lane's row among the view's rows, which list the same lanes in the same order.
  const selectedRow = selected >= 0 ? selected : undefined;
  const realPanel = (maxRows: number) => (realRuns.length > 0 ? panel(realRuns, maxRows, Number.POSITIVE_INFINITY, { selectedRow }) : [realHint(model, width)]);
  const views = (rows: number): Line[] => {
    switch (model.view) {
      case 'emulated':
        return panel(emulated.runs, rows, model.playheadUs, { selectedRow });
      case 'real':
        return realPanel(rows);
      case 'side-by-side':
        return realRuns.length > 0
          ? pairedPanels(emulated.runs, realRuns, {
              selected: lanes[selected],
              rows,
              panel,
              playheadUs: model.playheadUs,
              width,
              axisPerGroup: model.axisPerGroup,
            })
          : [...panel(emulated.runs, rows - 1, model.playheadUs, { selectedRow }), realHint(model, width)];
      case 'per-core':
        return panel(emulated.runs, rows, model.playheadUs, { perCore: true });
      case 'tasks':
        return taskTableLines({ lanes, selected, playheadUs: model.playheadUs, rows, width });
      default:
        return assertNever(model.view, 'view');
    }
  };
  const middleFor = (rows: number) => views(rows).slice(0, rows);
  const { captionLines, middle } = captionAndGantt(captionText, width, ganttRows, middleFor);
  return [header, ...captionLines.map((line) => styled(line, DIM)), ...middle, ...bottom];
}

/**
 * The caption on one line, or wrapped onto two when it is wider than the terminal and the Gantt
 * loses nothing to the extra row: it had a spare row, and one row fewer draws the same lines.
 */
function captionAndGantt(text: string, width: number, rows: number, middleFor: (rows: number) => Line[]): { captionLines: string[]; middle: Line[] } {
  const middle = middleFor(rows);
  if (columnsOf(text) <= width) return { captionLines: [text], middle };
  const wrapped = wrap(text, width);
  if (wrapped.length > 1 && middle.length < rows) {
    const shorter = middleFor(rows - 1);
    if (sameLines(shorter, middle)) return { captionLines: [wrapped[0]!, truncate(wrapped.slice(1).join(' '), width)], middle: shorter };
  }
  return { captionLines: [truncate(text, width)], middle };
}

/** How a Gantt panel is drawn besides its runs and rows. */
interface PanelOptions {
  /** One row per core instead of one per lane. */
  perCore?: boolean;
  /** Whose time the axis shows (side by side: emulated or real). */
  axisLabel?: string;
  /** The axis' right edge; by default the panel's longest run. */
  endUs?: number;
  /** The row of the selected lane among the panel's rows. */
  selectedRow?: number;
}

/** What the side-by-side view needs besides the runs. */
interface PairedOptions {
  /** The selected lane (↑/↓), kept in sight: the pairs scroll to show its pair. */
  selected: ViewLane | undefined;
  rows: number;
  panel: (runs: readonly Run[], maxRows: number, playheadUs: number, options: PanelOptions) => Line[];
  playheadUs: number;
  width: number;
  /** Each group on its own axis (key `a`) instead of one for all. */
  axisPerGroup: boolean;
}

/**
 * Side by side: each strategy's emulated Gantt with its real twin right below, as many pairs as
 * fit, scrolled as far as the selected lane's pair (↑/↓) needs to be in sight. All groups share one time axis, the longest run of
 * the view (of the pairs scrolled away too, so scrolling keeps the scale): a bar's length is its
 * duration, so the eye compares twins and strategies alike. Key `a` gives each group its own.
 */
function pairedPanels(emulated: readonly Run[], real: readonly Run[], options: PairedOptions): Line[] {
  const { selected, rows, panel, playheadUs, width } = options;
  const lines: Line[] = [];
  let shown = 0;
  const twinOf = new Map<string, Run | undefined>(pairRuns(emulated, real).map((pair) => [pair.strategy, pair.real]));
  const drawn = emulated.flatMap((run) => {
    const twin = twinOf.get(run.strategy);
    return twin ? [run, twin] : [run];
  });
  const endUs = options.axisPerGroup ? undefined : endOf(drawn);
  const rowIn = (run: Run) => (selected?.run === run ? selected.lane : undefined);
  const pairOf = (run: Run) => {
    const twin = twinOf.get(run.strategy);
    return [
      ...panel([run], run.lanes.length + 2, playheadUs, { axisLabel: '  emulated', endUs, selectedRow: rowIn(run) }),
      ...(twin ? panel([twin], twin.lanes.length + 2, Number.POSITIVE_INFINITY, { axisLabel: '  real, here', endUs, selectedRow: rowIn(twin) }) : []),
    ];
  };
  const pairs = emulated.map(pairOf);
  const target = selected === undefined ? -1 : emulated.findIndex((run) => run.strategy === selected.run.strategy);
  const first = firstPair(
    pairs.map((pair) => pair.length),
    target,
    rows - 1,
  );
  for (const pair of pairs.slice(first)) {
    if (lines.length + pair.length > rows - 1 && shown > 0) break;
    lines.push(...pair);
    shown++;
  }
  const hidden = emulated.length - first - shown;
  if (hidden > 0 || first > 0) lines.push(plain(truncate(`${first > 0 ? `${first} above, ` : ''}${hidden} more below: ↑/↓ to scroll`, width)));
  return lines;
}

/**
 * The first pair drawn: the selected lane's pair at the bottom of what fits (or the top one when
 * it fits from the top, or nothing is selected).
 */
function firstPair(heights: readonly number[], target: number, rows: number): number {
  let first = Math.max(0, target);
  let used = target < 0 ? 0 : heights[target]!;
  while (first > 0 && used + heights[first - 1]! <= rows) used += heights[--first]!;
  return first;
}

function realHint(model: Model, width: number): Line {
  const { status, message } = model.real;
  const text =
    status === 'running'
      ? 'Real run starting…'
      : status === 'unavailable' || status === 'failed'
        ? `Real run: ${message}`
        : model.runtime === 'python'
          ? 'No real run yet: press r to run them on a real Python (R: on Node).'
          : 'No real run yet: press r to run the strategies on this machine.';
  return plain(truncate(text, width));
}
