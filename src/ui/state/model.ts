import { resolveLayers, type EmulatedStrategy, type EmulatorParams, type ParamLayers, type RunSource, type Trace } from '../../engine/index.js';
import type { RealRuntimeName } from '../../engine/index.js';
import type { ViewWindow } from './view-window.js';

/** What the Gantt panel shows (or, for `tasks`, the per-task table in its place); Tab cycles through them. */
export type View = 'emulated' | 'real' | 'side-by-side' | 'per-core' | 'tasks';
export const VIEWS: readonly View[] = ['emulated', 'real', 'side-by-side', 'per-core', 'tasks'];

/** A lane picked out (↑/↓): the run it belongs to, by source and strategy, and its index there. */
export interface LaneKey {
  source: RunSource;
  strategy: string;
  lane: number;
}

/** The state of the real runs on this machine. */
export interface RealState {
  status: 'idle' | 'running' | 'done' | 'failed' | 'unavailable';
  trace: Trace | null;
  /** Why it failed or is unavailable. */
  message: string;
}

/** Everything the dashboard shows that is not derived from something else. */
export interface Model {
  /** The scenario name (or `tasks` for a `--tasks` list). */
  scenario: string;
  /** Where the parameters come from (defaults, scenario, preset, flags, keys), kept so each scenario resolves its own. */
  layers: ParamLayers;
  /** The parameters in force: `resolveLayers(layers, scenario)`, kept with the model because every frame reads them. */
  params: EmulatorParams;
  /** The interpreter preset in force, if the parameters still match one. */
  interpreter: string | null;
  strategies: EmulatedStrategy[];
  view: View;
  paused: boolean;
  /** How far emulated playback has got, in emulated µs. */
  playheadUs: number;
  /** Playback speed factor (1 = the window on screen, the longest run when not zoomed, plays in PLAYBACK_SECONDS). */
  speed: number;
  /** The zoomed slice of the timeline every view draws (keys z/Z, </>), or null for the whole run. */
  window: ViewWindow | null;
  help: boolean;
  /** The page of the help shown when it does not fit the terminal (any integer: the view wraps it). */
  helpPage: number;
  /** The parameters bar's field the last key changed: kept on screen when the bar must leave fields out. */
  touched: HeaderField | null;
  /** What real runs run on: Node's strategies, or a real Python interpreter (key R). */
  runtime: RealRuntimeName;
  /** Runs of each real strategy, interleaved; the table shows the median (`--repeat`, key n). */
  repeat: number;
  real: RealState;
  /** A guided tour's words for the caption line (the demo), instead of the automatic caption. */
  narration: string | null;
  /** The lane selected with ↑/↓, whose figures the inspector shows (null: none); views scroll to keep it in sight. */
  selectedLane: LaneKey | null;
  /**
   * Side by side, each Gantt group on its own time axis (key `a`) instead of one axis for all,
   * on which a bar's length is its duration.
   */
  axisPerGroup: boolean;
  /** A one-off message (an export's result) for the caption line, until the next key. */
  notice: string | null;
}

/** The fields of the parameters bar a key can change. */
export type HeaderField = 'cores' | 'policy' | 'slice' | 'gil' | 'preset' | 'playback' | 'view';

/** At speed 1, emulated playback fits the window on screen (the longest run when not zoomed) into this many seconds. */
export const PLAYBACK_SECONDS = 4;

export { DASHBOARD_STRATEGIES } from './dashboard-strategies.js';

export function initialModel(init: Pick<Model, 'scenario' | 'layers' | 'strategies' | 'speed'> & Partial<Pick<Model, 'runtime' | 'repeat'>>): Model {
  return {
    runtime: 'node',
    repeat: 1,
    ...init,
    params: resolveLayers(init.layers, init.scenario),
    interpreter: init.layers.preset,
    view: 'emulated',
    paused: false,
    playheadUs: 0,
    window: null,
    help: false,
    helpPage: 0,
    touched: null,
    real: { status: 'idle', trace: null, message: '' },
    narration: null,
    notice: null,
    selectedLane: null,
    axisPerGroup: false,
  };
}
