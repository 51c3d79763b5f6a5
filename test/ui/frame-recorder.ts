import type { FrameSink } from '../../src/ui/terminal/terminal-screen.js';

/** A FrameSink for tests: keeps every frame the dashboard drew, as text. */
export class FrameRecorder implements FrameSink {
  readonly frames: string[] = [];

  draw(lines: readonly string[]): void {
    this.frames.push(lines.join('\n'));
  }

  readonly lastFrame = (): string | undefined => this.frames.at(-1);
}
