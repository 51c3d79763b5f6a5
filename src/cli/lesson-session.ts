import type { CastWriter } from '../export/asciicast.js';
import { type LessonChapter, type LessonLook, LessonPlayer } from '../ui/lesson/lesson-player.js';
import { playScript } from '../ui/script/play-script.js';
import type { ScriptEnd, ScriptedFrame } from '../ui/script/scripted-frames.js';
import { DiffWriter } from '../ui/terminal/diff-writer.js';
import { ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, SignalRoute } from '../ui/terminal/dashboard-display.js';

const HIDE_CURSOR = '\u001B[?25l';
const SHOW_CURSOR = '\u001B[?25h';

/**
 * Plays a lesson. In a terminal: in real time, with the presenter's keys (Space, n, p, q,
 * Ctrl-C), recorded as shown when there is a cast. Without one (a cast only): straight through
 * on the virtual clock, so the same lesson and size give the same events. Resolves with the exit code.
 */
export function runLesson(chapters: readonly LessonChapter[], look: LessonLook, cast: CastWriter | null, live: boolean): Promise<number> {
  return live ? presentLive(new LessonPlayer(chapters, look), look.fps, cast) : recordStraight(new LessonPlayer(chapters, look), look.fps, cast);
}

/** The lesson played through on its own clock, one tick at a time, each changed frame at its time. */
function* lessonFrames(player: LessonPlayer, fps: number): Generator<ScriptedFrame, ScriptEnd> {
  const tickMs = 1_000 / fps;
  let atMs = 0;
  let shown = null as ScriptedFrame['frame'] | null;
  for (;;) {
    const frame = player.frame();
    if (!shown?.equals(frame)) yield { atMs, frame };
    shown = frame;
    if (player.exitCode !== null) return { atMs, exitCode: player.exitCode };
    player.advance(tickMs);
    atMs += tickMs;
  }
}

async function recordStraight(player: LessonPlayer, fps: number, cast: CastWriter | null): Promise<number> {
  const aborter = new AbortController();
  let code: number | null = null;
  const signals = new SignalRoute((exitCode) => {
    code = exitCode;
    aborter.abort();
  });
  try {
    const played = await playScript({
      frames: lessonFrames(player, fps),
      cast,
      terminal: null,
      signal: aborter.signal,
      shoot: () => {},
    });
    return code ?? played;
  } finally {
    signals.dispose();
    cast?.close();
  }
}

/** The presenter's session: a timer moves the lesson on by the time that really passed; keys go to the player. */
function presentLive(player: LessonPlayer, fps: number, cast: CastWriter | null): Promise<number> {
  const stdout = process.stdout;
  const stdin = process.stdin;
  const writer = new DiffWriter();
  const started = performance.now();
  let last = started;
  const show = () => {
    const data = writer.draw(player.frame());
    if (data === '') return;
    stdout.write(data);
    cast?.output((performance.now() - started) / 1_000, data);
  };
  return new Promise<number>((resolve) => {
    let finished = false;
    const finish = (exitCode: number) => {
      if (finished) return;
      finished = true;
      clearInterval(timer);
      stdin.off('data', onKey);
      if (stdin.isTTY) stdin.setRawMode(false);
      stdin.pause();
      signals.dispose();
      cast?.output((performance.now() - started) / 1_000, SHOW_CURSOR);
      cast?.close();
      stdout.write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
      resolve(exitCode);
    };
    const onKey = (data: Buffer) => {
      for (const key of keysIn(data.toString())) {
        const result = player.press(key);
        if (result.type === 'quit') return finish(result.exitCode);
      }
      show();
    };
    const tick = () => {
      const now = performance.now();
      player.advance(now - last);
      last = now;
      if (player.exitCode !== null) return finish(player.exitCode);
      show();
    };
    const signals = new SignalRoute(finish);
    stdout.write(ENTER_ALT_SCREEN + HIDE_CURSOR);
    cast?.output(0, HIDE_CURSOR);
    if (stdin.isTTY) stdin.setRawMode(true);
    stdin.on('data', onKey);
    stdin.resume();
    const timer = setInterval(tick, 1_000 / fps);
    show();
  });
}

/** The key presses in a chunk of input: an escape sequence whole, other characters one by one. */
function keysIn(chunk: string): string[] {
  return chunk.startsWith('\u001B') ? [chunk] : Array.from(chunk);
}
