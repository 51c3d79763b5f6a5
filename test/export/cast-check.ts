import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import xterm from '@xterm/headless';
import { readCast } from '../../src/export/asciicast.js';

// @xterm/headless is CommonJS without an ESM "exports" map, so Node gives us only a default export.
const { Terminal } = xterm;

/**
 * Replays a cast's output and resizes into a headless xterm and returns the final
 * screen, one string per row with trailing spaces trimmed.
 */
export async function replayCast(file: string): Promise<string[]> {
  const { header, events } = readCast(fs.readFileSync(file, 'utf8'));
  const terminal = new Terminal({ cols: header.width, rows: header.height, allowProposedApi: true });
  try {
    for (const [, code, data] of events) {
      if (code === 'o') {
        // write() parses asynchronously; the callback fires once this chunk is on screen.
        await new Promise<void>((resolve) => terminal.write(data, resolve));
      } else if (code === 'r') {
        const [cols, rows] = data.split('x').map(Number);
        terminal.resize(cols!, rows!);
      }
    }
    const buffer = terminal.buffer.active;
    const lines: string[] = [];
    // baseY skips scrollback so row 0 is the top of the visible screen.
    for (let row = 0; row < terminal.rows; row++) {
      lines.push(buffer.getLine(buffer.baseY + row)?.translateToString(true) ?? '');
    }
    return lines;
  } finally {
    terminal.dispose();
  }
}

/** True when `asciinema` and `script` are on PATH, so asciinemaAccepts can run. */
export function hasAsciinema(): boolean {
  const asciinema = spawnSync('asciinema', ['--version'], { stdio: 'ignore', timeout: 10_000 });
  const script = spawnSync('script', ['--version'], { stdio: 'ignore', timeout: 10_000 });
  return asciinema.status === 0 && script.status === 0;
}

/**
 * True when `asciinema cat FILE` exits 0. It needs a terminal (FACTS.md), so it runs
 * under `script -qec`, whose -e passes the child's exit code through.
 */
export function asciinemaAccepts(file: string): boolean {
  const quoted = `'${file.replaceAll("'", "'\\''")}'`;
  const result = spawnSync('script', ['-qec', `asciinema cat ${quoted}`, '/dev/null'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 20_000,
  });
  return result.status === 0;
}
