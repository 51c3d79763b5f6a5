import stringWidth from 'string-width';

/** Printable ASCII is one column a character: the common case, measured without string-width. */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/**
 * What makes characters count together rather than one by one: escape sequences, and what joins
 * into one grapheme (combining marks, variation selectors among them; joiners; skin tones; flags). Text
 * holding any of these is measured whole by string-width.
 */
const MEASURED_WHOLE = /[\x1b\p{M}\u200d\u{1f1e6}-\u{1f1ff}\u{1f3fb}-\u{1f3ff}]/u;

const charColumnsCache = new Map<string, number>();

/**
 * Code points string-width gives one column each, every one of them (text.test checks): ASCII,
 * Latin-1 and Latin Extended, punctuation, arrows and mathematical operators, box drawing,
 * blocks and geometric shapes, and the media and check-mark symbols the dashboard draws.
 * Measuring these without string-width matters at start: its first call for a character
 * outside them costs 10–140 ms (its emoji tables), and the first frame holds ▶ × µ ≠ ✗.
 */
const ONE_COLUMN: readonly (readonly [first: number, last: number])[] = [
  [0x20, 0x7e],
  [0xa0, 0xac],
  [0xae, 0x2ff],
  [0x2010, 0x2029],
  [0x2030, 0x205f],
  [0x2190, 0x22ff],
  [0x23f4, 0x23fa],
  [0x2500, 0x25fc],
  [0x2713, 0x2717],
];

/**
 * Columns one character (code point) takes. Frames are ASCII, box drawing, blocks and a few
 * symbols (ONE_COLUMN); anything else is measured by string-width (segmenter, emoji tables:
 * slow) once per character.
 */
export function charColumns(char: string): number {
  const code = char.codePointAt(0)!;
  for (const [first, last] of ONE_COLUMN) if (code >= first && code <= last) return 1;
  let columns = charColumnsCache.get(char);
  if (columns === undefined) charColumnsCache.set(char, (columns = stringWidth(char)));
  return columns;
}

const segmenter = new Intl.Segmenter();

/**
 * The graphemes of `text` (what a terminal draws in one cell, or two when wide): a base
 * character with the marks and joiners that belong to it. Most text is split by code point,
 * cheaply; only text holding something that joins goes through Intl.Segmenter.
 */
export function graphemes(text: string): Iterable<string> {
  if (!MEASURED_WHOLE.test(text)) return text;
  return Array.from(segmenter.segment(text), (piece) => piece.segment);
}

/** Columns one grapheme takes: 0 (nothing to draw), 1, or 2 for a wide character. */
export function graphemeColumns(grapheme: string): number {
  return grapheme.length === 1 || (grapheme.length === 2 && grapheme.codePointAt(0)! > 0xffff) ? charColumns(grapheme) : columnsOf(grapheme);
}

/** Terminal columns `text` takes (wide characters count twice). */
export function columnsOf(text: string): number {
  if (PLAIN_ASCII.test(text)) return text.length;
  if (MEASURED_WHOLE.test(text)) return stringWidth(text);
  let columns = 0;
  for (const char of text) columns += charColumns(char);
  return columns;
}

/** Cuts plain text to `width` terminal columns (wide characters count twice), with an ellipsis. */
export function truncate(text: string, width: number, ellipsis = '…'): string {
  if (width <= 0) return '';
  if (columnsOf(text) <= width) return text;
  const room = width - columnsOf(ellipsis);
  let out = '';
  let used = 0;
  for (const char of text) {
    const columns = charColumns(char);
    if (used + columns > room) break;
    out += char;
    used += columns;
  }
  return out + ellipsis;
}

/** Pads (or cuts) plain text to exactly `width` columns. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const cut = truncate(text, width);
  const pad = ' '.repeat(Math.max(0, width - columnsOf(cut)));
  return align === 'left' ? cut + pad : pad + cut;
}

/** Breaks plain text at spaces into lines of at most `width` columns; a longer word is cut. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const longer = line === '' ? word : `${line} ${word}`;
    if (columnsOf(longer) <= width) {
      line = longer;
    } else {
      if (line !== '') lines.push(line);
      line = truncate(word, width);
    }
  }
  lines.push(line);
  return lines;
}
