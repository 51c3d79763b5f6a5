import fs from 'node:fs';
import path from 'node:path';
import { UsageError, checkOutputTarget, claimOutput, discardTempOutput, fileError, openTempOutput, writeAll } from '../engine/index.js';

/** The header line of an asciicast v2 file. */
export type CastHeader = {
  /** Always 2: the format most players read. */
  version: 2;
  /** Terminal columns at the start. */
  width: number;
  /** Terminal rows at the start. */
  height: number;
  /** Unix time (seconds) when the recording started. */
  timestamp?: number;
  /** Shown by players and asciinema.org. */
  title?: string;
  /** Environment hints, usually TERM and SHELL. */
  env?: Record<string, string>;
};

/** Event codes: output, input, resize (`"COLSxROWS"`), marker. */
export type CastCode = 'o' | 'i' | 'r' | 'm';

/** One event line: seconds since the start, code, data. */
export type CastEvent = [seconds: number, code: CastCode, data: string];

/** What `CastWriter.create` needs for the header; timestamp and env have defaults. */
export type CastHeaderInput = {
  /** Terminal columns at the start. */
  width: number;
  /** Terminal rows at the start. */
  height: number;
  /** Recording title. */
  title?: string;
  /** Environment hints; defaults to TERM and SHELL from process.env. */
  env?: Record<string, string>;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  /**
   * Bytes kept free in the header line (as trailing spaces, which JSON allows) so that `retitle`
   * can rename the cast when it closes; 0 (the default) keeps the header as short as it can be.
   */
  titleRoom?: number;
};

// Sequences the writer watches, so that a cast that ends early still leaves the player's
// terminal usable: the dashboard hides the cursor (and a caller may enter the alternate screen).
const HIDE_CURSOR = '\u001B[?25l';
const SHOW_CURSOR = '\u001B[?25h';
const ENTER_ALT_SCREEN = '\u001B[?1049h';
const LEAVE_ALT_SCREEN = '\u001B[?1049l';

/**
 * Writes an asciicast v2 file event by event. Every call writes its line straight to the
 * file descriptor, so a crash or SIGHUP loses at most the frame being written, and each line is
 * written whole or not at all: a write that fails part-way (a full disk) is cut back to the last
 * whole line, so the file always parses. After such a failure later events are dropped.
 */
export class CastWriter {
  private closed = false;
  private failed = false;
  private lastSeconds = 0;
  /** Bytes of whole lines in the file: where a failed line is cut back to. */
  private length = 0;
  private cursorHidden = false;
  private altScreen = false;
  /** The header as written, and the bytes its line may take (without the newline). */
  private header: CastHeader | null = null;
  private headerBytes = 0;
  private title: string | undefined;

  private constructor(private readonly fd: number) {}

  /**
   * Opens `file` under the one output rule (see `checkOutputTarget`): the header goes to a
   * temporary file that then takes the name — by link() without `force`, so a name taken
   * meanwhile is refused; by rename() with it, replacing a regular file or a link, never a
   * device, FIFO or directory, and never writing through a link.
   */
  static create(file: string, header: CastHeaderInput, options: { force: boolean }): CastWriter {
    assertSize(header.width, header.height);
    checkOutputTarget(file, 'record', options.force);
    const temp = openTempOutput(path.dirname(file), file);
    const writer = new CastWriter(temp.fd);
    const full: CastHeader = {
      version: 2,
      width: header.width,
      height: header.height,
      timestamp: header.timestamp ?? Math.floor(Date.now() / 1000),
      ...(header.title === undefined ? {} : { title: header.title }),
      env: header.env ?? defaultEnv(),
    };
    try {
      const line = JSON.stringify(full);
      writer.writeLine(line + ' '.repeat(header.titleRoom ?? 0));
      writer.header = full;
      writer.headerBytes = Buffer.byteLength(line) + (header.titleRoom ?? 0);
      claimOutput(temp, file, options.force, 'record');
    } catch (error) {
      discardTempOutput(temp);
      throw fileError(error, file);
    }
    return writer;
  }

  /** Records terminal output at `atSeconds` since the start. */
  output(atSeconds: number, data: string): void {
    this.event(atSeconds, 'o', data);
    this.watch(data);
  }

  /** Records a terminal resize. */
  resize(atSeconds: number, columns: number, rows: number): void {
    assertSize(columns, rows);
    this.event(atSeconds, 'r', `${columns}x${rows}`);
  }

  /** Records a marker (a chapter point in players). */
  marker(atSeconds: number, label: string): void {
    this.event(atSeconds, 'm', label);
  }

  /**
   * The title the cast gets when it closes (what it turned out to show), written over the header
   * in the room kept for it (`titleRoom`): one write inside bytes the file already has, so a
   * full disk cannot break it. A title that does not fit leaves the first one.
   */
  retitle(title: string): void {
    this.title = title;
  }

  /**
   * Shows the cursor again (and leaves the alternate screen) in the cast if its output left them
   * otherwise, when the disk allows; writes a new title (`retitle`) where it fits; then flushes
   * and closes the file. Later calls do nothing.
   */
  close(): void {
    if (this.closed) return;
    if (this.header !== null && this.title !== undefined && this.title !== this.header.title) {
      const line = JSON.stringify({ ...this.header, title: this.title });
      const room = this.headerBytes - Buffer.byteLength(line);
      if (room >= 0) {
        try {
          writeAll(this.fd, Buffer.from(line + ' '.repeat(room), 'utf8'), 0);
        } catch {
          // The first title stays: the cast is whole either way.
        }
      }
    }
    const restore = `${this.altScreen ? LEAVE_ALT_SCREEN : ''}${this.cursorHidden ? SHOW_CURSOR : ''}`;
    if (restore !== '') {
      try {
        // Even after a failed line: the cut-back may have freed the few bytes this needs.
        this.writeLine(JSON.stringify([this.lastSeconds, 'o', restore]), true);
      } catch {
        // A full disk: the cast stays valid without it ("when the disk allows").
      }
    }
    this.closed = true;
    try {
      fs.fsyncSync(this.fd);
    } finally {
      fs.closeSync(this.fd);
    }
  }

  private watch(data: string): void {
    const hidden = data.lastIndexOf(HIDE_CURSOR);
    const shown = data.lastIndexOf(SHOW_CURSOR);
    if (hidden !== shown) this.cursorHidden = hidden > shown;
    const entered = data.lastIndexOf(ENTER_ALT_SCREEN);
    const left = data.lastIndexOf(LEAVE_ALT_SCREEN);
    if (entered !== left) this.altScreen = entered > left;
  }

  private event(atSeconds: number, code: CastCode, data: string): void {
    if (!Number.isFinite(atSeconds)) throw new RangeError(`cast event time ${atSeconds} is not a finite number`);
    // Microseconds are finer than any frame; clamping keeps players that require order happy.
    const rounded = Math.round(atSeconds * 1e6) / 1e6;
    this.lastSeconds = Math.max(this.lastSeconds, rounded);
    this.writeLine(JSON.stringify([this.lastSeconds, code, data]));
  }

  private writeLine(line: string, evenAfterFailure = false): void {
    if (this.closed) throw new Error('CastWriter: write after close()');
    if (this.failed && !evenAfterFailure) return;
    const bytes = Buffer.from(`${line}\n`, 'utf8');
    try {
      // At the end of the whole lines, whatever a failed write left behind the file position.
      writeAll(this.fd, bytes, this.length);
      this.length += bytes.length;
    } catch (error) {
      this.failed = true;
      // Cut the part of the line that did get written, so the file ends on a whole line.
      try {
        fs.ftruncateSync(this.fd, this.length);
      } catch {
        // Nothing more can be done; the error below is what the user needs to know.
      }
      throw error;
    }
  }
}

function assertSize(columns: number, rows: number): void {
  if (!Number.isInteger(columns) || !Number.isInteger(rows) || columns < 1 || rows < 1) {
    throw new UsageError(`terminal size ${columns}x${rows} is not two positive integers`);
  }
}

function defaultEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ['TERM', 'SHELL']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

/**
 * Parses and validates an asciicast v2 text. Throws a one-line Error naming the line
 * of the first problem; asciinema itself accepts e.g. a missing height, so we check.
 */
export function readCast(text: string): { header: CastHeader; events: CastEvent[] } {
  // A final newline is normal; any other empty line is a defect.
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  const header = checkHeader(parseJson(lines[0] ?? '', 1));
  const events: CastEvent[] = [];
  let previous = 0;
  for (let i = 1; i < lines.length; i++) {
    const event = checkEvent(parseJson(lines[i] ?? '', i + 1), i + 1, previous);
    previous = event[0];
    events.push(event);
  }
  return { header, events };
}

function parseJson(line: string, lineNumber: number): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    throw new Error(`line ${lineNumber}: not JSON: ${JSON.stringify(line.slice(0, 40))}`);
  }
}

function checkHeader(value: unknown): CastHeader {
  const fail = (why: string): never => {
    throw new Error(`line 1: bad header: ${why}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('not an object');
  const header = value as Record<string, unknown>;
  if (header.version !== 2) fail(`version is ${JSON.stringify(header.version)}, expected 2`);
  for (const key of ['width', 'height']) {
    const size = header[key];
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 1) fail(`${key} is not a positive integer`);
  }
  if (header.timestamp !== undefined && typeof header.timestamp !== 'number') fail('timestamp is not a number');
  if (header.title !== undefined && typeof header.title !== 'string') fail('title is not a string');
  if (header.env !== undefined) {
    const env = header.env;
    if (typeof env !== 'object' || env === null || Array.isArray(env)) fail('env is not an object');
    if (Object.values(env as object).some((v) => typeof v !== 'string')) fail('env has a non-string value');
  }
  return header as CastHeader;
}

function checkEvent(value: unknown, lineNumber: number, previous: number): CastEvent {
  const fail = (why: string): never => {
    throw new Error(`line ${lineNumber}: bad event: ${why}`);
  };
  if (!Array.isArray(value) || value.length !== 3) return fail('not a 3-element array');
  const [seconds, code, data] = value as unknown[];
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) fail('time is not a number');
  if ((seconds as number) < previous) fail(`time ${String(seconds)} is before the previous ${previous}`);
  if (code !== 'o' && code !== 'i' && code !== 'r' && code !== 'm') fail(`unknown code ${JSON.stringify(code)}`);
  if (typeof data !== 'string') fail('data is not a string');
  if (code === 'r' && !/^\d+x\d+$/.test(data as string)) fail(`resize data ${JSON.stringify(data)} is not COLSxROWS`);
  return [seconds as number, code as CastCode, data as string];
}
