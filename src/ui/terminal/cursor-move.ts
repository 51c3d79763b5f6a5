/** A cursor position, 0-based. */
export interface Cursor {
  row: number;
  column: number;
}

const CSI = '\u001B[';

/**
 * The shortest bytes that move the cursor from `from` (null: unknown) to `to`: relative moves
 * on the same row (`CSI n C`, `CSI n D`), `\r\n` down a row, else an absolute position (with
 * its defaults left out: `CSI r H` for column 1). A bare `\n` is never used: whether it also
 * returns to column 1 depends on the tty's output processing (ONLCR), left on in raw mode.
 */
export function cursorMove(from: Cursor | null, to: Cursor): string {
  const absolute = `${CSI}${to.row === 0 && to.column === 0 ? '' : to.column === 0 ? to.row + 1 : `${to.row + 1};${to.column + 1}`}H`;
  if (from === null) return absolute;
  // The diff asks at every changed run of cells: only the moves that can apply are made (the absolute one wins a tie).
  let relative: string;
  if (from.row === to.row) {
    if (from.column === to.column) return '';
    relative = horizontal(from.column, to.column);
  } else if (to.row === from.row + 1) {
    relative = `\r\n${horizontal(0, to.column)}`;
  } else {
    return absolute;
  }
  return relative.length < absolute.length ? relative : absolute;
}

/** Along a row, from column `from` to `to`: relative, or `\r` back to the first column. */
function horizontal(from: number, to: number): string {
  if (to === from) return '';
  if (to === 0) return '\r';
  const relative = to > from ? step(to - from, 'C') : step(from - to, 'D');
  const fromStart = `\r${step(to, 'C')}`;
  return fromStart.length < relative.length ? fromStart : relative;
}

/** `count` cells right (C) or left (D); a count of 1 is the default, left out. */
function step(count: number, final: 'C' | 'D'): string {
  return `${CSI}${count === 1 ? '' : count}${final}`;
}
