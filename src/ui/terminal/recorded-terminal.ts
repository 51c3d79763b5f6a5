import { EventEmitter } from 'node:events';
import type { TerminalSize } from '../layout.js';

/** Where a recording goes (an asciicast writer). Times are seconds since the recording began. */
export interface CastSink {
  output(atSeconds: number, data: string): void;
  resize(atSeconds: number, columns: number, rows: number): void;
  /** A chapter mark (players list them), e.g. where the scenario shown changes. */
  marker?(atSeconds: number, label: string): void;
  /** The title the recording ends with (what it showed). */
  retitle?(title: string): void;
}

/**
 * The scenarios a recording showed, in order: the cast's title names them (`concur-tui count →
 * convoy`) and each change after the first is a chapter mark. Scripted and live casts share it.
 */
export class CastChapters {
  private readonly shown: string[] = [];

  constructor(private readonly cast: CastSink | null) {}

  show(atSeconds: number, scenario: string): void {
    if (this.shown.at(-1) === scenario) return;
    if (this.shown.length > 0) this.cast?.marker?.(atSeconds, scenario);
    this.shown.push(scenario);
    this.cast?.retitle?.(`concur-tui ${this.shown.join(' → ')}`);
  }
}

/**
 * The terminal as the dashboard draws on it, optionally at a fixed size (`--cols`/`--rows`,
 * so a cast is the same anywhere) and optionally recorded: every byte written goes to the
 * terminal and to the cast, stamped by `clock`, and resizes become cast resize events.
 */
export class RecordedTerminal extends EventEmitter {
  readonly isTTY = true;
  private readonly chapters: CastChapters;
  private readonly onResize = () => {
    if (this.fixed) return; // the picture keeps its size; the real window only crops it
    this.cast?.resize(this.clock(), this.columns, this.rows);
    this.emit('resize');
  };

  constructor(
    private readonly terminal: NodeJS.WriteStream,
    private readonly cast: CastSink | null,
    private readonly clock: () => number,
    private readonly fixed: TerminalSize | null,
  ) {
    super();
    this.chapters = new CastChapters(cast);
    terminal.on('resize', this.onResize);
  }

  get columns(): number {
    return this.fixed?.columns ?? (this.terminal.columns || 80);
  }

  get rows(): number {
    return this.fixed?.rows ?? (this.terminal.rows || 24);
  }

  /** The dashboard now shows `scenario`: the cast's title and chapters follow it. */
  showScenario(scenario: string): void {
    this.chapters.show(this.clock(), scenario);
  }

  write(data: string): boolean {
    this.cast?.output(this.clock(), data);
    return this.terminal.write(data);
  }

  detach(): void {
    this.terminal.off('resize', this.onResize);
  }
}
