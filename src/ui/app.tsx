import { useApp, useInput } from 'ink';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { assertNever, type Trace } from '../engine/index.js';
import { usePlayback } from './hooks/use-playback.js';
import { useRealRuns, type StartRealRuns } from './hooks/use-real-runs.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import type { TerminalSize } from './layout.js';
import { isPlaying } from './program/derive.js';
import type { Effect } from './program/effects.js';
import type { Program } from './program/program.js';
import { movesOnlyThePlayhead } from './program/playback-only.js';
import { ProgramRun } from './program/program-run.js';
import { keyPresses } from './state/key-input.js';
import type { Model } from './state/model.js';
import type { FrameSink } from './terminal/terminal-screen.js';

export interface AppProps {
  /** The dashboard's program (update, derive, view); its derive may already hold the first emulation. */
  program: Program;
  initial: Model;
  fps: number;
  /** A fixed size (recordings, tests); otherwise the terminal's. */
  size?: Partial<TerminalSize>;
  /** Starts real runs of a scenario (key r); without it, r explains that real runs are unavailable. */
  startRealRuns?: StartRealRuns;
  /** Start real runs as soon as the dashboard opens (`--real`). */
  realOnStart?: boolean;
  /** Writes the trace shown (key e) and says where; without it, e says exports are unavailable. */
  exportTrace?: (trace: Trace) => string | Promise<string>;
  /** Where frames are drawn (the terminal, or a test's recorder). */
  screen: FrameSink;
  /** Called with the exit code when the user quits. */
  onQuit: (code: number) => void;
  /** Told the scenario on screen at the start and at each change (a recording's title follows it). */
  onScenario?: ((scenario: string) => void) | undefined;
}

/**
 * The live driver of the dashboard's program: Ink brings the keys, raw mode and the lifecycle;
 * timers pace playback at `fps` on the wall clock; effects run for real (real runs, exports,
 * quitting). The model lives in the program's run; React state only says when to draw.
 */
export function App({ program, initial, fps, size: fixedSize, startRealRuns, realOnStart = false, exportTrace, screen, onQuit, onScenario }: AppProps) {
  const size = useTerminalSize(fixedSize);
  const { exit } = useApp();
  const [model, setModel] = useState(initial);
  // Runs emulated on another thread arrive without a change of the model: a new frame is due all the same.
  const [emulations, setEmulations] = useState(0);
  useEffect(() => program.onEmulated(() => setEmulations((count) => count + 1)), [program]);
  const perform = useRef<(effect: Effect) => void>(() => {});
  const changed = useRef<(next: Model) => void>(setModel);
  const [run] = useState(
    () =>
      new ProgramRun(
        program,
        initial,
        (effect) => perform.current(effect),
        (next) => changed.current(next),
      ),
  );
  // A playback tick draws its frame straight away; React renders only for other changes (see movesOnlyThePlayhead).
  const rendered = useRef({ model, size });
  rendered.current = { model, size };
  changed.current = (next) => {
    if (movesOnlyThePlayhead(rendered.current.model, next, program.derive)) screen.draw(run.frame(rendered.current.size));
    else setModel(next);
  };
  const [dispatch] = useState(() => run.dispatch.bind(run));
  const real = useRealRuns(dispatch, startRealRuns, fps);
  perform.current = (effect) => {
    switch (effect.type) {
      case 'run-real':
        return real.start(effect.scenario, effect.params, effect.runtime, effect.repeat);
      case 'stop-real':
        return void real.stop();
      case 'export':
        // The exporter may answer later: the live dashboard exports on a thread of its own.
        if (!exportTrace) return dispatch({ type: 'notice', text: 'exports are not available here' });
        return void Promise.resolve(exportTrace(effect.trace)).then((text) => dispatch({ type: 'notice', text }));
      case 'quit':
        onQuit(effect.code);
        return exit();
      default:
        return assertNever(effect, 'effect');
    }
  };
  usePlayback(dispatch, fps, isPlaying(model, program.derive(model)));
  useEffect(() => onScenario?.(model.scenario), [onScenario, model.scenario]);
  const startedOnOpen = useRef(false);
  useEffect(() => {
    if (!realOnStart || startedOnOpen.current) return;
    startedOnOpen.current = true;
    perform.current({ type: 'run-real', scenario: initial.scenario, params: initial.params, runtime: initial.runtime, repeat: initial.repeat });
  }, [realOnStart, initial]);

  useInput((chunk, chunkKey) => {
    // Later keys of a chunk act on the model the earlier ones left: `5r` runs juggle for real.
    for (const press of keyPresses(chunk, chunkKey)) {
      dispatch({ type: 'key', ...press });
      if (run.exitCode !== null) return;
    }
  });

  // The frame goes to the screen directly (see TerminalScreen); Ink handles input and lifecycle.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `model` (the run's, as last committed) and `emulations` are why a new frame is due.
  useLayoutEffect(() => screen.draw(run.frame(size)), [run, screen, model, emulations, size]);
  return null;
}
