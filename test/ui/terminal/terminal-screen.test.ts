import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
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

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('TerminalScreen', () => {
  it('draws the latest of the frames committed in one turn, once', async () => {
    const terminal = new FakeTerminal();
    const screen = new TerminalScreen(terminal as unknown as NodeJS.WriteStream);
    screen.draw(['first']);
    screen.draw(['second']);
    await nextTurn();
    expect(terminal.written).toHaveLength(1);
    expect(terminal.written[0]).toContain('second');
    expect(terminal.written[0]).not.toContain('first');
  });

  it('writes only what changed, nothing for an identical frame, everything after a resize', async () => {
    const terminal = new FakeTerminal();
    const screen = new TerminalScreen(terminal as unknown as NodeJS.WriteStream);
    screen.draw(['abcdef', 'line two']);
    await nextTurn();
    screen.draw(['abcdXf', 'line two']);
    await nextTurn();
    expect(terminal.written[1]).toContain('\u001B[1;5H\u001B[0mX'); // row 1, column 5: the one changed cell
    expect(terminal.written[1]).not.toContain('line two');
    screen.draw(['abcdXf', 'line two']);
    await nextTurn();
    expect(terminal.written).toHaveLength(2);
    terminal.emit('resize');
    screen.draw(['abcdXf', 'line two']);
    await nextTurn();
    expect(terminal.written[2]).toContain('line two');
  });

  it('draws nothing after close, and gives Ink the terminal size and resizes', async () => {
    const terminal = new FakeTerminal();
    const screen = new TerminalScreen(terminal as unknown as NodeJS.WriteStream);
    let resized = 0;
    screen.inkStdout.on('resize', () => resized++);
    expect([screen.inkStdout.columns, screen.inkStdout.rows]).toEqual([20, 5]);
    terminal.emit('resize');
    expect(resized).toBe(1);
    screen.draw(['pending']);
    screen.close();
    screen.draw(['late']);
    await nextTurn();
    expect(terminal.written).toEqual([]);
    expect(terminal.listenerCount('resize')).toBe(0);
  });
});
