import { assertNever, pairRuns, type Run } from '../engine/index.js';
import type { LaneKey, View } from './state/model.js';

/** A lane as a view lists it: its run and its index in that run. */
export interface ViewLane {
  run: Run;
  lane: number;
}

/**
 * The lanes a view shows, top to bottom: what ↑/↓ step through. Emulated and per-core: the
 * emulated runs' lanes; real: the real runs'; side by side: each emulated run's lanes, then its
 * real twin's; the task table: the emulated runs', then the real runs'.
 */
export function viewLanes(view: View, emulated: readonly Run[], real: readonly Run[]): ViewLane[] {
  const lanesOf = (runs: readonly Run[]) => runs.flatMap((run) => run.lanes.map((_, lane) => ({ run, lane })));
  switch (view) {
    case 'emulated':
    case 'per-core':
      return lanesOf(emulated);
    case 'real':
      return lanesOf(real);
    case 'side-by-side':
      return pairRuns(emulated, real).flatMap((pair) => lanesOf([pair.emulated, pair.real].filter((run) => run !== undefined)));
    case 'tasks':
      return lanesOf([...emulated, ...real]);
    default:
      return assertNever(view, 'view');
  }
}

export function laneKeyOf(lane: ViewLane): LaneKey {
  return { source: lane.run.source, strategy: lane.run.strategy, lane: lane.lane };
}

/**
 * Where the selected lane is in a view's list: the same lane of the same run, or else the same
 * task of the same strategy from the other source (Tab to the real view keeps the task), or -1.
 */
export function selectedIndex(lanes: readonly ViewLane[], key: LaneKey | null): number {
  if (key === null) return -1;
  const same = lanes.findIndex((lane) => lane.run.source === key.source && lane.run.strategy === key.strategy && lane.lane === key.lane);
  return same >= 0 ? same : lanes.findIndex((lane) => lane.run.strategy === key.strategy && lane.lane === key.lane);
}

/** The key after ↑ (-1) or ↓ (+1) from `key` in a view's lanes: the first (↓) or last (↑) when none is selected. */
export function steppedLane(lanes: readonly ViewLane[], key: LaneKey | null, direction: 1 | -1): LaneKey | null {
  if (lanes.length === 0) return key;
  const at = selectedIndex(lanes, key);
  const next = at < 0 ? (direction > 0 ? 0 : lanes.length - 1) : Math.max(0, Math.min(lanes.length - 1, at + direction));
  return laneKeyOf(lanes[next]!);
}
