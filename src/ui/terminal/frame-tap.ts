import { Writable } from 'node:stream';
import { DiffWriter } from './diff-writer.js';

/**
 * The stdout Ink renders into. Ink rewrites the whole frame every time; the tap recovers the
 * frame from Ink's output, and writes only the cells that changed to the real terminal.
 * It looks like the terminal to Ink: same size, same resize events.
 */
export class FrameTap extends Writable {
  readonly isTTY = true;
  private readonly writer = new DiffWriter();
  private readonly onResize = () => {
    this.writer.invalidate();
    this.emit('resize');
  };

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

  override _write(chunk: Buffer | string, _encoding: string, done: (error?: Error | null) => void): void {
    const text = chunk.toString();
    // Ink's synchronized-output and cursor writes come alone; a frame always has content.
    if (/[^\u001B]/.test(text.replace(/\u001B\[[\d;?]*[a-zA-Z]/g, ''))) {
      const update = this.writer.draw(text, this.columns);
      if (update !== '') this.terminal.write(update);
    }
    done();
  }

  /** Stops following the terminal's size. */
  detach(): void {
    this.terminal.off('resize', this.onResize);
  }
}
