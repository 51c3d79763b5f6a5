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
  const candidates = [absolute];
  if (from.row === to.row) {
    if (from.column === to.column) return '';
    candidates.push(horizontal(from.column, to.column));
  } else if (to.row === from.row + 1) {
    candidates.push(`\r\n${horizontal(0, to.column)}`);
  }
  return candidates.reduce((shortest, candidate) => (candidate.length < shortest.length ? candidate : shortest));
}

/** Along a row, from column `from` to `to`: relative, or `\r` back to the first column. */
function horizontal(from: number, to: number): string {
  if (to === from) return '';
  if (to === 0) return '\r';
  const step = (count: number, final: string) => `${CSI}${count === 1 ? '' : count}${final}`;
  const relative = to > from ? step(to - from, 'C') : step(from - to, 'D');
  const fromStart = `\r${step(to, 'C')}`;
  return fromStart.length < relative.length ? fromStart : relative;
}
