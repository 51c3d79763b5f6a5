import type { CellBuffer } from '../../src/ui/render/cell-buffer.js';
import type { FrameSink } from '../../src/ui/terminal/terminal-screen.js';

/** A FrameSink for tests: keeps every frame the dashboard drew, as text. */
export class FrameRecorder implements FrameSink {
  readonly frames: string[] = [];

  draw(frame: CellBuffer): void {
    this.frames.push(frame.toLines().join('\n'));
  }

  readonly lastFrame = (): string | undefined => this.frames.at(-1);
}
