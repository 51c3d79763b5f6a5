import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CellBuffer } from '../../../src/ui/render/cell-buffer.js';
import { PLAIN } from '../../../src/ui/render/style.js';
import { TerminalScreen } from '../../../src/ui/terminal/terminal-screen.js';

/** The parts of a terminal stream the screen uses. */
class FakeTerminal extends EventEmitter {
  columns = 20;
  rows = 5;
  written: string[] = [];
  write(text: string): boolean {
    this.written.push(text);
    return true;
  }
}

/** A 20×4 frame (the terminal's size, less a row) showing these lines. */
function lines(...text: string[]): CellBuffer {
  const frame = new CellBuffer(20, 4, { color: true, unicode: true });
  text.forEach((line, row) => frame.put(0, row, line, PLAIN));
  return frame;
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('TerminalScreen', () => {
  it('draws the latest of the frames committed in one turn, once', async () => {
    const terminal = new FakeTerminal();
    const screen = new TerminalScreen(terminal as unknown as NodeJS.WriteStream);
    screen.draw(lines('first'));
    screen.draw(lines('second'));
    await nextTurn();
    expect(terminal.written).toHaveLength(1);
    expect(terminal.written[0]).toContain('second');
    expect(terminal.written[0]).not.toContain('first');
  });

  it('writes only what changed, nothing for an identical frame, everything after a resize', async () => {
    const terminal = new FakeTerminal();
    const screen = new TerminalScreen(terminal as unknown as NodeJS.WriteStream);
    screen.draw(lines('abcdef', 'line two'));
    await nextTurn();
    screen.draw(lines('abcdXf', 'line two'));
    await nextTurn();
    expect(terminal.written[1]).toContain('\u001B[1;5HX'); // row 1, column 5: the one changed cell
    expect(terminal.written[1]).not.toContain('line two');
    screen.draw(lines('abcdXf', 'line two'));
    await nextTurn();
    expect(terminal.written).toHaveLength(2);
    terminal.emit('resize');
    screen.draw(lines('abcdXf', 'line two'));
    await nextTurn();
    expect(terminal.written[2]).toContain('line two');
  });

  it('draws the frame again in full on a SIGWINCH that changed no size (a shrink and a grow back before Node read it)', async () => {
    const terminal = Object.assign(new FakeTerminal(), { isTTY: true });
    const screen = new TerminalScreen(terminal as unknown as NodeJS.WriteStream);
    screen.draw(lines('abcdef', 'line two'));
    await nextTurn();
    process.emit('SIGWINCH', 'SIGWINCH');
    process.emit('SIGWINCH', 'SIGWINCH'); // a storm: drawn once a turn
    await nextTurn();
    expect(terminal.written).toHaveLength(2);
    expect(terminal.written[1]).toContain('\u001B[2J');
    expect(terminal.written[1]).toContain('line two');
    screen.close();
    process.emit('SIGWINCH', 'SIGWINCH');
    await nextTurn();
    expect(terminal.written).toHaveLength(2);
  });

  it('draws nothing after close, and gives Ink the terminal size and resizes', async () => {
    const terminal = new FakeTerminal();
    const screen = new TerminalScreen(terminal as unknown as NodeJS.WriteStream);
    let resized = 0;
    screen.inkStdout.on('resize', () => resized++);
    expect([screen.inkStdout.columns, screen.inkStdout.rows]).toEqual([20, 5]);
    terminal.emit('resize');
    expect(resized).toBe(1);
    screen.draw(lines('pending'));
    screen.close();
    screen.draw(lines('late'));
    await nextTurn();
    expect(terminal.written).toEqual([]);
    expect(terminal.listenerCount('resize')).toBe(0);
  });
});
