import { useEffect } from 'react';
import type { Msg } from '../state/update.js';

/**
 * Advances the playhead `fps` times a second while playback runs. No timer runs when paused or
 * at the end, so a still picture costs no frames (and no bytes on an SSH link).
 */
export function usePlayback(dispatch: (msg: Msg) => void, endUs: number, fps: number, running: boolean): void {
  useEffect(() => {
    if (!running) return;
    const periodMs = 1_000 / fps;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      dispatch({ type: 'tick', dtMs: now - last, endUs });
      last = now;
    }, periodMs);
    return () => clearInterval(timer);
  }, [dispatch, endUs, fps, running]);
}
