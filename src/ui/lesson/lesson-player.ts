import type { SetupFor } from '../emulation.js';
import type { TerminalSize } from '../layout.js';
import type { Frame } from '../program/program.js';
import { CellBuffer } from '../render/cell-buffer.js';
import { BOLD } from '../render/style.js';
import { type ScriptEnd, type ScriptStep, type ScriptedFrame, scriptedFrames } from '../script/scripted-frames.js';
import type { Model } from '../state/model.js';
import type { Theme } from '../theme.js';

/** One chapter of a lesson, ready to play: its own dashboard, caption, keys and length. */
export interface LessonChapter {
  /** The chapter's name, shown in the presenter line. */
  title: string;
  /** Words for the caption line while the chapter plays. */
  caption: string;
  /** How long the chapter plays before the next begins. */
  durationMs: number;
  /** Keys and sleeps played from the chapter's start (their sleeps fit within durationMs). */
  steps: readonly ScriptStep[];
  /** The dashboard the chapter opens on (its scenario or tasks and parameters). */
  initial: Model;
  setupFor: SetupFor;
}

/** What a presenter key did: nothing more to do, or the lesson should end with this code. */
export type PresenterResult = { type: 'continue' } | { type: 'quit'; exitCode: number };

/** How the lesson is drawn. */
export interface LessonLook {
  theme: Theme;
  fps: number;
  size: TerminalSize;
}

/**
 * Plays a lesson on a clock the driver moves (`advance`): each chapter is the dashboard on a
 * virtual clock (the scripted program: same update, keys and view as live), shown with a
 * presenter line in place of the footer. Presenter keys (`press`): Space pauses the lesson's
 * clock and the picture with it, `n`/`p` go to the next/previous chapter (each starts afresh),
 * `q` ends it (0), Ctrl-C too (130). Nothing here reads the wall clock.
 */
export class LessonPlayer {
  private index = 0;
  private frames!: Generator<ScriptedFrame, ScriptEnd>;
  /** The next item of the chapter, not yet due; or how the chapter's script ended. */
  private pending!: IteratorResult<ScriptedFrame, ScriptEnd>;
  private shown!: Frame;
  private chapterMs = 0;
  private paused = false;
  private ended: number | null = null;

  constructor(
    private readonly chapters: readonly LessonChapter[],
    private readonly look: LessonLook,
  ) {
    if (chapters.length === 0) throw new RangeError('a lesson has at least one chapter');
    this.start(0);
  }

  /** The exit code once the lesson is over (played to its end, or quit), else null. */
  get exitCode(): number | null {
    return this.ended;
  }

  get chapterIndex(): number {
    return this.index;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Moves the lesson's clock on by `ms` (not while paused), through as many chapters as that takes. */
  advance(ms: number): void {
    if (this.paused || this.ended !== null) return;
    this.chapterMs += ms;
    for (;;) {
      this.catchUp();
      if (!this.pending.done) return;
      const end = this.pending.value;
      if (end.exitCode !== 0 || this.index + 1 >= this.chapters.length) {
        // A key of the chapter quit the dashboard, or the last chapter played out.
        if (end.exitCode !== 0 || this.chapterMs >= end.atMs) this.ended = end.exitCode;
        return;
      }
      if (this.chapterMs < end.atMs) return;
      const excess = this.chapterMs - end.atMs;
      this.start(this.index + 1);
      this.chapterMs = excess;
    }
  }

  /** A presenter key, as the bytes a terminal sends; other keys do nothing in a lesson. */
  press(bytes: string): PresenterResult {
    if (this.ended !== null) return { type: 'quit', exitCode: this.ended };
    if (bytes === 'q') this.ended = 0;
    else if (bytes === '\u0003') this.ended = 130;
    else if (bytes === ' ') this.paused = !this.paused;
    else if (bytes === 'n') {
      if (this.index + 1 >= this.chapters.length) this.ended = 0;
      else this.start(this.index + 1);
    } else if (bytes === 'p') this.start(Math.max(0, this.index - 1));
    return this.ended === null ? { type: 'continue' } : { type: 'quit', exitCode: this.ended };
  }

  /** The picture now: the chapter's dashboard, its last row the presenter line. */
  frame(): Frame {
    const chapter = this.chapters[this.index]!;
    const where = `${this.index + 1}/${this.chapters.length} ${chapter.title}`;
    const keys = this.paused ? 'paused · Space resumes · n next · p back · q quit' : 'Space pause · n next · p back · q quit';
    return withPresenterLine(this.shown, `${where}  ${keys}`, this.look.theme);
  }

  private start(index: number): void {
    const chapter = this.chapters[index]!;
    this.index = index;
    this.chapterMs = 0;
    const steps: ScriptStep[] = [{ type: 'narrate', text: chapter.caption }, ...chapter.steps];
    // The last sleep fills the chapter to its length, so its picture plays on until then.
    const stepsMs = chapter.steps.reduce((sum, step) => sum + (step.type === 'sleep' ? step.ms : 0), 0);
    if (chapter.durationMs > stepsMs) steps.push({ type: 'sleep', ms: chapter.durationMs - stepsMs });
    this.frames = scriptedFrames({
      initial: chapter.initial,
      setupFor: chapter.setupFor,
      theme: this.look.theme,
      fps: this.look.fps,
      size: this.look.size,
      steps,
    });
    this.pending = this.frames.next();
    // The chapter's first frame is due at once.
    this.catchUp();
  }

  /** Takes every item of the chapter that is due by its clock. */
  private catchUp(): void {
    while (!this.pending.done && this.pending.value.atMs <= this.chapterMs) {
      if (!this.pending.value.screenshot) this.shown = this.pending.value.frame;
      this.pending = this.frames.next();
    }
  }
}

/** The frame with its last drawn row (the dashboard's footer of keys) replaced by `text`. */
function withPresenterLine(frame: Frame, text: string, theme: Theme): Frame {
  const copy = new CellBuffer(frame.columns, frame.rows, theme);
  let footer = 0;
  for (let row = 0; row < frame.rows; row++) {
    for (let column = 0; column < frame.columns; column++) {
      const char = frame.charAt(column, row);
      if (char !== ' ') footer = row;
      if (char !== '') copy.put(column, row, char, frame.styleAt(column, row));
    }
  }
  copy.put(0, footer, ' '.repeat(frame.columns), 0);
  copy.put(0, footer, text, BOLD);
  return copy;
}
