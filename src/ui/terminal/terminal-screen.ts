import { Writable } from 'node:stream';
import type { CellBuffer } from '../render/cell-buffer.js';
import { DiffWriter } from './diff-writer.js';

/** Where the dashboard's frames go: a terminal, or a test's recorder. */
export interface FrameSink {
  /** Shows one frame (not changed afterwards); may coalesce frames drawn within one turn of the event loop. */
  draw(frame: CellBuffer): void;
}

/**
 * Draws frames on a terminal, writing only the cells that changed since the last frame.
 *
 * Ink handles input, raw mode and React's lifecycle; the frame itself does not go through
 * Ink's output stage. The frame is already a pure function of the state (screenLines, a cell
 * buffer), and Ink's per-frame ANSI tokenizing and string measuring cost about half of the
 * UI's CPU at 15 fps (BENCHMARKS.md), only for a cell diff to undo that work. Ink renders
 * nothing into `inkStdout`, a stand-in that mirrors the terminal's size and resize events.
 */
export class TerminalScreen implements FrameSink {
  readonly inkStdout: InkStdout;
  private readonly writer = new DiffWriter();
  private pending: CellBuffer | null = null;
  /** The frame on screen, for a full redraw after the terminal was given back (SIGCONT). */
  private shown: CellBuffer | null = null;
  private closed = false;
  private readonly onResize = () => this.writer.invalidate();
  /**
   * Any SIGWINCH draws the latest frame again in full, whether or not the size changed: a shrink
   * and a grow back (a window dragged, a resize storm) can both come before Node reads the size,
   * which then reads as unchanged, so no `resize` comes — and tmux, or a terminal, dropped the
   * rows a smaller window did not hold meanwhile (test/e2e: a resize storm once ended on a
   * screen without its top rows).
   */
  private readonly onWindowChange = () => {
    this.writer.invalidate();
    const frame = this.pending ?? this.shown;
    if (frame !== null) this.draw(frame);
  };

  constructor(private readonly terminal: NodeJS.WriteStream) {
    terminal.on('resize', this.onResize);
    if (terminal.isTTY) process.on('SIGWINCH', this.onWindowChange);
    this.inkStdout = new InkStdout(terminal);
  }

  draw(frame: CellBuffer): void {
    if (this.closed) return;
    if (this.pending === null) setImmediate(() => this.flush());
    this.pending = frame;
  }

  /** Writes the latest frame (React may commit several renders in one turn; one frame is drawn). */
  flush(): void {
    const frame = this.pending;
    this.pending = null;
    if (frame === null || this.closed) return;
    this.shown = frame;
    const update = this.writer.draw(frame);
    if (update === '') return;
    try {
      this.terminal.write(update);
    } catch {
      // The terminal may be gone (SIGHUP from a dropped SSH link): nothing to draw on.
    }
  }

  /** Draws the whole frame again: the screen's content was lost (the shell had it while suspended). */
  redraw(): void {
    this.writer.invalidate();
    this.pending ??= this.shown;
    this.flush();
  }

  /** Draws nothing more (the dashboard is leaving the screen) and stops following its size. */
  close(): void {
    this.closed = true;
    this.pending = null;
    this.terminal.off('resize', this.onResize);
    process.off('SIGWINCH', this.onWindowChange);
    this.inkStdout.detach();
  }
}

/** What Ink sees as stdout: the terminal's size and resizes; whatever Ink writes is dropped. */
class InkStdout extends Writable {
  readonly isTTY = true;
  private readonly onResize = () => this.emit('resize');

  constructor(private readonly terminal: NodeJS.WriteStream) {
    super({ decodeStrings: false });
    terminal.on('resize', this.onResize);
  }

  get columns(): number {
    return this.terminal.columns || 80;
  }

  get rows(): number {
    return this.terminal.rows || 24;
  }

  override _write(_chunk: unknown, _encoding: string, done: () => void): void {
    done();
  }

  detach(): void {
    this.terminal.off('resize', this.onResize);
  }
}
