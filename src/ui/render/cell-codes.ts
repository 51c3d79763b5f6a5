/**
 * Cells hold their grapheme as a number, so a frame is typed arrays only: a playing frame's copy
 * of the one before is a few native copies, with nothing for the collector to trace (copying an
 * array of strings was a frame's largest cost of its own at 15 fps). A grapheme of one UTF-16 unit (nearly every
 * cell) is that unit; the right half of a wide character is WIDE_RIGHT; any other grapheme is
 * numbered past it, in the order graphemes were first drawn (GRAPHEMES).
 */
export const WIDE_RIGHT = 0x1_0000;
export const SPACE = 0x20;
/** The graphemes of more than one unit drawn so far, by code: as many as distinct ones appear in what is drawn. */
const GRAPHEMES: string[] = [];
const GRAPHEME_CODES = new Map<string, number>();
/** Strings of the one-unit codes read back so far (box drawing, blocks: not in V8's one-byte cache). */
const UNIT_STRINGS = new Map<number, string>();

/** A grapheme's code (see above); a new one is numbered the first time it is drawn. */
export function codeOf(grapheme: string): number {
  if (grapheme.length === 1) return grapheme.charCodeAt(0);
  let code = GRAPHEME_CODES.get(grapheme);
  if (code === undefined) {
    code = WIDE_RIGHT + GRAPHEMES.push(grapheme); // the first is WIDE_RIGHT + 1
    GRAPHEME_CODES.set(grapheme, code);
  }
  return code;
}

/** The grapheme of a cell's code ('' for the right half of a wide character). */
export function graphemeOf(code: number): string {
  if (code > WIDE_RIGHT) return GRAPHEMES[code - WIDE_RIGHT - 1]!;
  if (code === WIDE_RIGHT) return '';
  let unit = UNIT_STRINGS.get(code);
  if (unit === undefined) UNIT_STRINGS.set(code, (unit = String.fromCharCode(code)));
  return unit;
}
