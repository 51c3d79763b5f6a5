import { charColumns } from '../render/text.js';

/** One character cell: what it shows and the SGR parameters it is drawn with ('' = plain). */
export interface Cell {
  char: string;
  style: string;
}

const SGR = /^\u001B\[([\d;]*)m/;
/** Cursor moves and erases that Ink's log-update writes around a frame; they carry no content. */
const CONTROL = /^\u001B\[(?:\?\d+[hl]|\d*[ABCDGKJ]|\d+;\d+H|H)/;

/** The drawing attributes in force, as SGR parameters. */
interface SgrState {
  attributes: Set<number>;
  foreground: string;
  background: string;
}

/** Which attribute each "off" code ends (22 ends both bold and faint). */
const ATTRIBUTE_OFF: Record<number, number[]> = { 22: [1, 2], 23: [3], 24: [4], 25: [5], 27: [7], 28: [8], 29: [9] };

/** Applies one SGR sequence's parameters (`1;32`, `39`, `38;5;208`…) to the state. */
function applySgr(state: SgrState, params: string): void {
  const codes = params === '' ? [0] : params.split(';').map(Number);
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    if (code === 0) {
      state.attributes.clear();
      state.foreground = state.background = '';
    } else if (code === 38 || code === 48) {
      // Extended colour: 38;5;N or 38;2;R;G;B.
      const length = codes[i + 1] === 5 ? 3 : 5;
      const colour = codes.slice(i, i + length).join(';');
      if (code === 38) state.foreground = colour;
      else state.background = colour;
      i += length - 1;
    } else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) state.foreground = String(code);
    else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) state.background = String(code);
    else if (code === 39) state.foreground = '';
    else if (code === 49) state.background = '';
    else if (ATTRIBUTE_OFF[code]) for (const attribute of ATTRIBUTE_OFF[code]!) state.attributes.delete(attribute);
    else state.attributes.add(code);
  }
}

/** The state as one canonical SGR parameter list: equal looks give equal strings. */
function styleKey(state: SgrState): string {
  return [...[...state.attributes].sort((a, b) => a - b), state.foreground, state.background].filter((part) => part !== '').join(';');
}

/**
 * Parses a frame (lines of text with SGR colour codes) into rows of cells. Other control
 * sequences are dropped: the writer places cells itself. Wide characters take two cells.
 */
export function parseFrame(frame: string, columns: number): Cell[][] {
  const rows: Cell[][] = [[]];
  const state: SgrState = { attributes: new Set(), foreground: '', background: '' };
  let style = '';
  for (let i = 0; i < frame.length; ) {
    const rest = frame.slice(i, i + 24);
    const sgr = SGR.exec(rest);
    if (sgr) {
      applySgr(state, sgr[1]!);
      style = styleKey(state);
      i += sgr[0].length;
      continue;
    }
    const control = CONTROL.exec(rest);
    if (control) {
      i += control[0].length;
      continue;
    }
    const char = String.fromCodePoint(frame.codePointAt(i)!);
    i += char.length;
    if (char === '\n') {
      rows.push([]);
      continue;
    }
    if (char === '\r' || char === '\u001B') continue;
    const row = rows[rows.length - 1]!;
    const width = charColumns(char);
    if (width === 0 || row.length + width > columns) continue;
    row.push({ char, style });
    if (width === 2) row.push({ char: '', style }); // the right half of a wide character
  }
  return rows;
}
