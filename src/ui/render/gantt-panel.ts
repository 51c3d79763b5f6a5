import { formatDuration, type Run, type Span } from '../../engine/index.js';
import type { Theme } from '../theme.js';
import { coreCells, renderCoreCells } from './core-cells.js';
import { laneBars, spansByLane, type TimeWindow } from './gantt-rows.js';
import { styled, type Line, type Segment } from './line.js';
import { SELECTED_MARK } from './lane-inspector.js';
import { BOLD, DIM, PLAIN } from './style.js';
import { fit } from './text.js';
import { playheadTime, timeAxis } from './time-axis.js';

/** A Gantt panel: one row per lane (or per core), grouped by run, and a time axis. */
export interface GanttPanelInput {
  runs: readonly Run[];
  window: TimeWindow;
  /** Columns for the label at the left of each row. */
  labelWidth: number;
  /** Columns for the bars. */
  barWidth: number;
  /** Most rows to draw (the axis not included); the rest are summarised in one line. */
  maxRows: number;
  /** One row per core (which lane ran where) instead of one per lane. */
  perCore: boolean;
  theme: Theme;
  /** Says whose time the axis shows (side by side: emulated or real), in the label column. */
  axisLabel?: string;
  /** The row of the lane selected with ↑/↓: marked, and kept in sight when not all rows fit. */
  selectedRow?: number;
  /** The window is a zoomed slice of the runs: the label column names its width unless it names whose time it is. */
  zoomed?: boolean;
}

/** Columns of a row label given to the strategy's name (the lane's name follows). */
export const STRATEGY_COLUMN = 13;

interface Row {
  label: string;
  bars: Segment[];
  /** What the row draws, the same object frame after frame (the lane's or the core's spans): its line is remembered under it. */
  of: readonly Span[];
}

/** Lines of the panel: rows, a "+N more" line if cut, and the axis. */
export function ganttPanel(input: GanttPanelInput): Line[] {
  const rows = input.runs.flatMap((run) => (input.perCore ? coreRows(run, input) : laneRows(run, input)));
  const room = Math.max(0, input.maxRows - 1);
  const selected = input.selectedRow ?? -1;
  // Scrolled only as far as the selected row needs: without a selection, from the top.
  const first = rows.length > input.maxRows ? Math.max(0, Math.min(selected - room + 1, rows.length - room)) : 0;
  const shown = rows.length > input.maxRows ? rows.slice(first, first + room) : rows;
  const lines: Line[] = shown.map((row, i) => rowLine(row, input.labelWidth, first + i === selected));
  if (shown.length < rows.length) {
    const hidden = rows.length - shown.length;
    const words = input.selectedRow === undefined ? `+${hidden} more rows: enlarge the terminal` : `${first} above, ${hidden - first} below: ↑/↓ to scroll`;
    lines.push(styled(fit(words, input.labelWidth + 1 + input.barWidth), DIM));
  }
  const axis = { text: ` ${timeAxis(input.window, input.barWidth, input.theme.unicode)}`, style: PLAIN };
  lines.push([...axisLabel(input), axis]);
  return lines;
}

/**
 * The label column of the axis row: whose time it is (side by side) or the zoomed window's width
 * (`zoom 30ms`), and the playhead's time at its right (`▲12.9345s`), so the marker's time reads
 * to a cell however far the view is zoomed.
 */
function axisLabel({ axisLabel, zoomed = false, window, barWidth, labelWidth, theme }: GanttPanelInput): Segment[] {
  const spanUs = window.endUs - window.startUs;
  const whose = axisLabel ?? (zoomed ? `zoom ${formatDuration(spanUs)}` : '');
  const played = Number.isFinite(window.playheadUs) && spanUs > 0;
  const time = played ? `${theme.unicode ? '▲' : '^'}${playheadTime(window.playheadUs, spanUs, spanUs / Math.max(1, barWidth))}` : '';
  const room = Math.max(0, labelWidth - time.length);
  return [
    { text: fit(whose, room), style: whose === '' ? PLAIN : DIM },
    { text: time, style: PLAIN },
  ];
}

/**
 * A row's line: its label, then its bars. A lane the playhead is not moving gives the very same
 * bars frame after frame (laneBars), and so the very same line: the frame sees at once that the
 * row did not change.
 */
function rowLine(row: Row, labelWidth: number, selected: boolean): Line {
  const known = lineCache.get(row.of);
  const sameLabel = known !== undefined && known.label === row.label && known.labelWidth === labelWidth && known.selected === selected;
  if (sameLabel && known.bars === row.bars) return known.line;
  // The label's segment is kept while the label is: only the bars are new.
  const labelSegment = sameLabel
    ? known.line[0]!
    : selected
      ? { text: `${markSelected(fit(row.label, labelWidth), strategyColumn(labelWidth))} `, style: BOLD }
      : { text: `${fit(row.label, labelWidth)} `, style: PLAIN };
  const line: Line = [labelSegment, ...row.bars];
  // Kept under the row's spans, updated in place: the bars of a lane the playhead moves are new every frame, and keyed by them the map grew by a key a lane a frame.
  lineCache.set(row.of, { label: row.label, labelWidth, selected, bars: row.bars, line });
  return line;
}

const lineCache = new WeakMap<readonly Span[], { label: string; labelWidth: number; selected: boolean; bars: readonly Segment[]; line: Line }>();

function laneRows(run: Run, input: GanttPanelInput): Row[] {
  const byLane = spansByLane(run.spans, run.lanes.length);
  const labels = laneLabels(run, input.labelWidth);
  return run.lanes.map((_, i) => ({ label: labels[i]!, bars: laneBars(byLane[i]!, input.window, input.barWidth, input.theme), of: byLane[i]! }));
}

const labelCache = new WeakMap<Run, { labelWidth: number; labels: string[] }>();

/** The row labels of a run's lanes (drawn every frame, made once per run and width). */
function laneLabels(run: Run, labelWidth: number): readonly string[] {
  const known = labelCache.get(run);
  if (known?.labelWidth === labelWidth && known.labels.length === run.lanes.length) return known.labels;
  const strategyWidth = strategyColumn(labelWidth);
  // The strategy is named on its first lane only, so groups stand out.
  const labels = run.lanes.map((lane, i) => `${fit(i === 0 ? run.strategy : '', strategyWidth - 1)} ${lane.name}`);
  labelCache.set(run, { labelWidth, labels });
  return labels;
}

/** Per-core view: a core's row shows which lane ran on it (by the lane's mark) and how busy it was. */
function coreRows(run: Run, input: GanttPanelInput): Row[] {
  return Array.from({ length: run.cores }, (_, core) => {
    const spans = spansOnCore(run.spans, core);
    const cells = coreCells(spans, input.window, input.barWidth);
    const strategyWidth = strategyColumn(input.labelWidth);
    return { label: `${fit(core === 0 ? run.strategy : '', strategyWidth - 1)} core ${core}`, bars: renderCoreCells(cells), of: spans };
  });
}

const byCoreCache = new WeakMap<readonly Span[], Map<number, Span[]>>();

/** Spans that ran on `core`, sorted by start; cached per run like spansByLane. */
function spansOnCore(spans: readonly Span[], core: number): Span[] {
  let cores = byCoreCache.get(spans);
  if (!cores) byCoreCache.set(spans, (cores = new Map()));
  let onCore = cores.get(core);
  if (!onCore) {
    onCore = spans.filter((span) => span.core === core).sort((a, b) => a.startUs - b.startUs);
    cores.set(core, onCore);
  }
  return onCore;
}

/** The selected row's label: the mark in the space before the lane's name. */
function markSelected(label: string, strategyWidth: number): string {
  return `${label.slice(0, strategyWidth - 1)}${SELECTED_MARK}${label.slice(strategyWidth)}`;
}

/** Columns of a label given to the strategy's name, leaving room for the lane's. */
function strategyColumn(labelWidth: number): number {
  return Math.min(STRATEGY_COLUMN, Math.max(4, labelWidth - 8));
}
