import {
  APPROXIMATE,
  APPROXIMATE_WORDS,
  formatContention,
  formatDuration,
  gilFiguresApproximate,
  hasEnded,
  laneFigures,
  type LaneFigures,
} from '../../engine/index.js';
import type { ViewLane } from '../view-lanes.js';
import type { Line, Segment } from './line.js';
import { BOLD, DIM, PLAIN } from './style.js';
import { columnsOf } from './text.js';

/** Marks the selected lane, in the inspector and on its row (`>` in ASCII). */
export const SELECTED_MARK = '▶';

/** One figure of the inspector: a word and its value, e.g. `turnaround 26.11s`. */
interface Figure {
  label: string;
  value: string;
}

/**
 * The selected lane's figures (gil-figures.ts, the run's task metrics): response, turnaround,
 * CPU time, the wait split into ready / gil-wait / io, its longest wait, its GIL contention,
 * how often it took the GIL and its median and longest hold. Packed into at most `maxLines`
 * lines of `width`, in that order: the figures that do not fit are left out, the last first.
 */
export function inspectorLines(selected: ViewLane, width: number, maxLines: number): Line[] {
  const { run, lane } = selected;
  const figures = laneFigures(run)[lane];
  const name = run.lanes[lane]?.name ?? `lane ${lane}`;
  const sofar = hasEnded(run) ? '' : ', so far';
  const title: Segment = { text: `${SELECTED_MARK} ${run.strategy} ${name} (${run.source}${sofar})`, style: BOLD };
  return pack(title, figures === undefined ? [] : figureList(figures, gilFiguresApproximate(run, figures.medianHoldUs)), width, maxLines);
}

/** `holdApproximate`: the lane's holds were read below its sampler's resolution (a real Python run's: hold-resolution.ts). */
function figureList(figures: LaneFigures, holdApproximate: boolean): Figure[] {
  const us = formatDuration;
  const mark = holdApproximate ? APPROXIMATE : '';
  const why = holdApproximate ? ` (${APPROXIMATE_WORDS})` : '';
  const hold = figures.medianHoldUs === null ? '-' : `${mark}${us(Math.round(figures.medianHoldUs))} median, ${us(figures.longestHoldUs!)} longest${why}`;
  return [
    { label: 'response', value: us(figures.responseUs) },
    { label: 'turnaround', value: us(figures.turnaroundUs) },
    { label: 'CPU', value: us(figures.cpuUs) },
    { label: 'ready', value: us(figures.readyUs) },
    { label: 'gil-wait', value: us(figures.gilWaitUs) },
    { label: 'io', value: us(figures.ioUs) },
    { label: 'longest wait', value: us(figures.longestWaitUs) },
    { label: 'GIL', value: formatContention(figures.contention) },
    { label: 'took GIL', value: `${figures.gilTakes}×` },
    { label: 'hold', value: hold },
  ];
}

/** The title, then each figure after it while it fits: a figure is never cut, and the lines after the last are left out. */
function pack(title: Segment, figures: readonly Figure[], width: number, maxLines: number): Line[] {
  const lines: Segment[][] = [[title]];
  let used = columnsOf(title.text);
  for (const figure of figures) {
    const size = 2 + columnsOf(figure.label) + 1 + columnsOf(figure.value);
    if (used + size > width) {
      if (lines.length === maxLines) break;
      lines.push([]);
      used = 0;
    }
    lines.at(-1)!.push({ text: `  ${figure.label} `, style: DIM }, { text: figure.value, style: PLAIN });
    used += size;
  }
  return lines;
}
