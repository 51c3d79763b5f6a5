import { formatContention, formatElapsed, formatHold, gilFiguresApproximate, laneFigures, type LaneFigures, type Run } from '../../engine/index.js';
import type { ViewLane } from '../view-lanes.js';
import { SELECTED_MARK } from './lane-inspector.js';
import { pushSegment, styled, type Line, type Segment } from './line.js';
import { BOLD, DIM, PLAIN } from './style.js';
import { byRank } from './table-columns.js';
import { fit, truncate } from './text.js';

/** A column of the task table: its heading and the figure it shows of a lane. */
interface TaskColumn {
  heading: string;
  width: number;
  /** `run` is the lane's: a real Python run's holds are read by its sampler (hold-resolution.ts). */
  value: (figures: LaneFigures, run: Run) => string;
}

const duration = (heading: string, pick: (figures: LaneFigures) => number): TaskColumn => ({
  heading,
  width: Math.max(7, heading.length),
  value: (figures) => formatElapsed(pick(figures)),
});

/**
 * The task table's figures, each with its rank: when the terminal is narrow, the highest ranks
 * give way first. Turnaround first: the convoy lesson is the I/O thread's (120 ms instead of 23).
 */
const TASK_COLUMNS: readonly { column: TaskColumn; rank: number }[] = [
  { rank: 2, column: duration('response', (f) => f.responseUs) },
  { rank: 1, column: duration('turnaround', (f) => f.turnaroundUs) },
  { rank: 3, column: duration('CPU', (f) => f.cpuUs) },
  { rank: 6, column: duration('ready', (f) => f.readyUs) },
  { rank: 4, column: duration('gil-wait', (f) => f.gilWaitUs) },
  { rank: 7, column: duration('io', (f) => f.ioUs) },
  { rank: 5, column: { heading: 'GIL%', width: 4, value: (f) => formatContention(f.contention) } },
  { rank: 8, column: duration('wait max', (f) => f.longestWaitUs) },
  { rank: 9, column: { heading: 'hold', width: 7, value: (f, run) => formatHold(f.medianHoldUs, gilFiguresApproximate(run, f.medianHoldUs)) } },
];

/** Columns for the mark, the strategy (with ` real` after a real run's) and the task's name. */
const MARK = 1;
const STRATEGY = 12;
const REAL_STRATEGY = 17;
const TASK = 10;

/** What the task table needs besides the lanes. */
export interface TaskTableInput {
  lanes: readonly ViewLane[];
  /** The selected lane's index in `lanes` (-1: none), kept in view and marked. */
  selected: number;
  /** Emulated figures are shown for tasks that finished by here (playback), like the table's. */
  playheadUs: number;
  rows: number;
  width: number;
}

/**
 * The per-task table (Tab): one row per lane of every run shown, with its response, turnaround,
 * CPU time, wait split by state, GIL contention, longest wait and median hold (gil-figures.ts).
 * An emulated task's figures appear once playback has passed its finish; rows scroll to keep
 * the selected lane (↑/↓) in view, and a last line says how many are above and below.
 */
export function taskTableLines(input: TaskTableInput): Line[] {
  const { lanes, width } = input;
  const strategyWidth = lanes.some((lane) => lane.run.source === 'real') ? REAL_STRATEGY : STRATEGY;
  const columns = byRank(TASK_COLUMNS, width, MARK + strategyWidth + 1 + TASK);
  const cells = (mark: string, strategy: string, task: string, values: readonly string[]): Segment[] => {
    const segments: Segment[] = [];
    pushSegment(segments, `${mark}${fit(strategy, strategyWidth)} ${fit(task, TASK)}`, PLAIN);
    values.forEach((value, i) => pushSegment(segments, ` ${fit(value, columns[i]!.width, 'right')}`, PLAIN));
    return segments;
  };
  const header = cells(
    ' ',
    'strategy',
    'task',
    columns.map((column) => column.heading),
  );
  const room = Math.max(1, input.rows - 2);
  const first = lanes.length <= room ? 0 : Math.max(0, Math.min(input.selected - room + 1, lanes.length - room));
  const shown = lanes.slice(first, first + room).map((lane, i) => {
    const index = first + i;
    const run = lane.run;
    const strategy = index === 0 || lanes[index - 1]!.run !== run ? `${run.strategy}${run.source === 'real' ? ' real' : ''}` : '';
    const task = run.tasks[lane.lane];
    const played = run.source === 'real' || (task !== undefined && task.finishUs <= input.playheadUs);
    const figures = laneFigures(run)[lane.lane];
    const values = columns.map((column) => (played && figures ? column.value(figures, run) : '…'));
    const row = cells(index === input.selected ? SELECTED_MARK : ' ', strategy, run.lanes[lane.lane]?.name ?? '', values);
    return index === input.selected ? row.map((segment) => ({ ...segment, style: BOLD })) : row;
  });
  const hidden = lanes.length - first - shown.length;
  const more = first > 0 || hidden > 0 ? [styled(truncate(`${first} above, ${hidden} below: ↑/↓ to scroll`, width), DIM)] : [];
  return [styled(truncate(header.map((segment) => segment.text).join(''), width), DIM), ...shown, ...more];
}
