import { playScript, type ScriptPlayback } from '../ui/script/play-script.js';
import { scriptedFrames, type ScriptedSessionOptions } from '../ui/script/scripted-frames.js';
import type { CastWriter } from '../export/asciicast.js';

import { ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, SignalRoute } from '../ui/terminal/dashboard-display.js';

/**
 * Plays a script: in a terminal, in real time (q or Ctrl-C stops it); without one, at once.
 * The cast gets every frame at its script time either way. Resolves with the exit code.
 */
export async function runScriptedSession(
  options: ScriptedSessionOptions,
  cast: CastWriter | null,
  live: boolean,
  shoot: ScriptPlayback['shoot'],
): Promise<number> {
  const aborter = new AbortController();
  let code = 0;
  const stop = (exitCode: number) => {
    code = exitCode;
    aborter.abort();
  };
  const onKey = (data: Buffer) => {
    const key = data.toString();
    if (key === 'q') stop(0);
    if (key === '\u0003') stop(130);
  };
  const signals = new SignalRoute(stop);
  const stdin = process.stdin;
  const keyboard = live && stdin.isTTY;
  if (keyboard) {
    stdin.setRawMode(true);
    stdin.on('data', onKey);
  }
  if (live) process.stdout.write(ENTER_ALT_SCREEN);
  try {
    const scriptCode = await playScript({ frames: scriptedFrames(options), cast, terminal: live ? process.stdout : null, signal: aborter.signal, shoot });
    if (!aborter.signal.aborted) code = scriptCode;
  } finally {
    if (live) process.stdout.write(LEAVE_ALT_SCREEN);
    if (keyboard) {
      stdin.off('data', onKey);
      stdin.setRawMode(false);
      stdin.pause();
    }
    signals.dispose();
    cast?.close();
  }
  return code;
}
