import { useEffect } from 'react';
import type { Event } from '../program/update.js';

/**
 * Advances the playhead `fps` times a second while playback runs (the program reads where it
 * ends). No timer runs when paused or at the end, so a still picture costs no frames (and no
 * bytes on an SSH link).
 */
export function usePlayback(dispatch: (event: Event) => void, fps: number, running: boolean): void {
  useEffect(() => {
    if (!running) return;
    const periodMs = 1_000 / fps;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      dispatch({ type: 'tick', dtMs: now - last });
      last = now;
    }, periodMs);
    return () => clearInterval(timer);
  }, [dispatch, fps, running]);
}
