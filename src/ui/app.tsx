import { useApp, useInput } from 'ink';
import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef } from 'react';
import type { Trace } from '../engine/index.js';
import { changesEmulation, emulateModel, emulateOrKeep, type SetupFor } from './emulation.js';
import { usePlayback } from './hooks/use-playback.js';
import { useRealRuns, type StartRealRuns } from './hooks/use-real-runs.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { endOf, screenLines, type TerminalSize } from './layout.js';
import { interpretKey, keyPresses } from './state/key-input.js';
import type { Model } from './state/model.js';
import { update } from './state/update.js';
import type { FrameSink } from './terminal/terminal-screen.js';
import type { Theme } from './theme.js';

export interface AppProps {
  initial: Model;
  /** The tasks of a scenario (or of the `--tasks` list, under the name `tasks`) and its parameters. */
  setupFor: SetupFor;
  theme: Theme;
  fps: number;
  /** A fixed size (recordings, tests); otherwise the terminal's. */
  size?: Partial<TerminalSize>;
  /** Starts real runs of a scenario (key r); without it, r explains that real runs are unavailable. */
  startRealRuns?: StartRealRuns;
  /** Start real runs as soon as the dashboard opens (`--real`). */
  realOnStart?: boolean;
  /** Writes the trace shown (key e) and says where; without it, e says exports are unavailable. */
  exportTrace?: (trace: Trace) => string;
  /** Where frames are drawn (the terminal, or a test's recorder). */
  screen: FrameSink;
  /** Called with the exit code when the user quits. */
  onQuit: (code: number) => void;
}

/** The dashboard: state in one reducer, the picture a pure function of it (screenLines). */
export function App({ initial, setupFor, theme, fps, size: fixedSize, startRealRuns, realOnStart = false, exportTrace, screen, onQuit }: AppProps) {
  const [model, dispatch] = useReducer(update, initial);
  const size = useTerminalSize(fixedSize);
  const { exit } = useApp();
  const input = useMemo(() => setupFor(model.scenario).input, [setupFor, model.scenario]);
  // Re-simulated on every parameter change: the emulator is fast enough for the next frame.
  const lastTrace = useRef<Trace | null>(null);
  const emulation = useMemo(
    () => emulateOrKeep(input, model.strategies, model.params, lastTrace.current),
    [input, model.strategies, model.params],
  );
  lastTrace.current = emulation.trace;
  const emulated = emulation.trace;
  const endUs = endOf(emulated.runs);
  usePlayback(dispatch, endUs, fps, !model.paused && model.playheadUs < endUs);
  const real = useRealRuns(dispatch, startRealRuns, fps);
  const startedOnOpen = useRef(false);
  useEffect(() => {
    if (!realOnStart || startedOnOpen.current) return;
    startedOnOpen.current = true;
    real.start(initial.scenario, initial.params);
  }, [realOnStart, real, initial]);

  const quit = useCallback(
    (code: number) => {
      onQuit(code);
      exit();
    },
    [exit, onQuit],
  );
  useInput((chunk, chunkKey) => {
    // Later keys of a chunk act on the model the earlier ones left: `7r` runs scenario 7 for real.
    let current = model;
    let shown: Trace | null = emulated;
    const shownTrace = () => (shown ??= emulateModel(current, setupFor, emulated).trace);
    for (const { input: text, key } of keyPresses(chunk, chunkKey)) {
      const outcome = interpretKey(text, key, () => endOf(shownTrace().runs));
      if (outcome.type === 'quit') return quit(outcome.code);
      if (outcome.type === 'rerun') real.start(current.scenario, current.params);
      else if (outcome.type === 'export') {
        const trace = shownTrace();
        const withReal: Trace = { ...trace, runs: [...trace.runs, ...(current.real.trace?.runs ?? [])] };
        dispatch({ type: 'notice', text: exportTrace ? exportTrace(withReal) : 'exports are not available here' });
      }
      else if (outcome.type === 'dispatch') {
        if (outcome.leavesScenario) void real.stop();
        dispatch(outcome.msg);
        const next = update(current, outcome.msg);
        if (changesEmulation(current, next)) shown = null;
        current = next;
      }
    }
  });

  const lines = useMemo(() => screenLines(model, emulated, size, theme, emulation.refusal), [model, emulated, size, theme, emulation.refusal]);
  useLayoutEffect(() => screen.draw(lines), [screen, lines]);
  // The frame goes to the screen directly (see TerminalScreen); Ink handles input and lifecycle.
  return null;
}
