import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';

/** A terminal-sized output that counts what Ink writes, and calls back on every write. */
export class CountingTty extends Writable {
  readonly isTTY = true;
  bytes = 0;
  writes = 0;
  onWrite: ((chunk: string) => void) | undefined;

  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    super();
  }

  override _write(chunk: Buffer | string, _encoding: string, done: () => void): void {
    const text = chunk.toString();
    this.bytes += Buffer.byteLength(text);
    this.writes++;
    this.onWrite?.(text);
    done();
  }
}

/** A stdin that Ink accepts as a raw-mode terminal; `press` types one key. */
export class FakeTtyInput extends EventEmitter {
  readonly isTTY = true;
  private pending: string[] = [];

  setRawMode(): this {
    return this;
  }
  setEncoding(): this {
    return this;
  }
  resume(): this {
    return this;
  }
  pause(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  read(): string | null {
    return this.pending.shift() ?? null;
  }
  press(key: string): void {
    this.pending.push(key);
    this.emit('readable');
  }
}
