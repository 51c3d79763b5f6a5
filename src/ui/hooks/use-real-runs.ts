import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { EmulatorParams, RealRuntimeName, RealSession } from '../../engine/index.js';
import type { Event } from '../program/update.js';

/** How the dashboard starts real runs: the CLI wires it to the engine, tests to a fake. */
export type StartRealRuns = (scenario: string, params: EmulatorParams, runtime: RealRuntimeName, repeat: number) => RealSession;

/**
 * Real runs of the current scenario: `start()` cancels any run in progress and starts a new
 * one; while it runs, its snapshot is drawn `fps` times a second, so bars grow as spans arrive.
 * Unmounting cancels it (workers and children stop).
 */
export function useRealRuns(dispatch: (event: Event) => void, startRuns: StartRealRuns | undefined, fps: number) {
  const session = useRef<RealSession | null>(null);

  const stop = useCallback(() => {
    const running = session.current;
    session.current = null;
    return running?.cancel('stopped') ?? Promise.resolve();
  }, []);

  const start = useCallback(
    (scenario: string, params: EmulatorParams, runtime: RealRuntimeName, repeat: number) => {
      if (!startRuns) return dispatch({ type: 'real-failed', message: 'real runs are not available here' });
      void stop();
      let current: RealSession;
      try {
        current = startRuns(scenario, params, runtime, repeat);
      } catch (error) {
        return dispatch({ type: 'real-failed', message: error instanceof Error ? error.message : String(error) });
      }
      session.current = current;
      dispatch({ type: 'real-started' });
      // A replaced session keeps ticking until its cancel settles: only the current one draws.
      const timer = setInterval(() => {
        if (session.current === current) dispatch({ type: 'real-progress', trace: current.snapshot() });
        else clearInterval(timer);
      }, 1_000 / fps);
      current.done.then(
        (trace) => {
          clearInterval(timer);
          if (session.current === current) dispatch({ type: 'real-finished', trace });
        },
        (error: unknown) => {
          clearInterval(timer);
          if (session.current === current) dispatch({ type: 'real-failed', message: error instanceof Error ? error.message : String(error) });
        },
      );
    },
    [dispatch, fps, startRuns, stop],
  );

  useEffect(() => () => void stop(), [stop]);
  return useMemo(() => ({ start, stop }), [start, stop]);
}
