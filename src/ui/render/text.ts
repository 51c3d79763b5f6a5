import { eastAsianWidth } from 'get-east-asian-width';
import stringWidth from 'string-width';

/**
 * The UTF-16 units that are one column by themselves, joining no other: printable ASCII, Latin-1's
 * symbols and letters (not its soft hyphen, which draws nothing), the ellipsis, box drawing,
 * blocks and geometric shapes but for the two wide ones (◽◾). The dashboard's lines are made of
 * these (`│`, `×`, `▶`, `▲`). The one list of them: the text test and the unit test below are
 * made from it.
 */
const ONE_COLUMN_UNITS: readonly (readonly [first: number, last: number])[] = [
  [0x20, 0x7e],
  [0xa0, 0xac],
  [0xae, 0xff],
  [0x2026, 0x2026],
  [0x2500, 0x25fc],
];

const unitEscape = (code: number) => `\\u${code.toString(16).padStart(4, '0')}`;

/** Text of ONE_COLUMN_UNITS only: measured natively, as its length, without string-width. */
export const ONE_COLUMN_TEXT = new RegExp(`^[${ONE_COLUMN_UNITS.map(([first, last]) => `${unitEscape(first)}-${unitEscape(last)}`).join('')}]*$`);

/** One flag a unit up to the last of ONE_COLUMN_UNITS: a drawn frame asks it of every unit it puts. */
const ONE_COLUMN_FLAGS = new Uint8Array(ONE_COLUMN_UNITS.at(-1)![1] + 1);
for (const [first, last] of ONE_COLUMN_UNITS) ONE_COLUMN_FLAGS.fill(1, first, last + 1);

/** A unit of ONE_COLUMN_UNITS. */
export function isOneColumnUnit(code: number): boolean {
  return ONE_COLUMN_FLAGS[code] === 1;
}

/**
 * What makes characters count together rather than one by one: escape sequences, and what joins
 * into one grapheme (combining marks, variation selectors among them; joiners; skin tones; flags). Text
 * holding any of these is measured whole by string-width.
 */
const MEASURED_WHOLE = /[\x1b\p{M}\u200d\u{1f1e6}-\u{1f1ff}\u{1f3fb}-\u{1f3ff}]/u;

const charColumnsCache = new Map<string, number>();

/**
 * The code points whose width only string-width can tell: emoji (two columns), what draws
 * nothing (controls, format and default-ignorable characters, combining marks) and lone
 * surrogates. Any other code point takes its East Asian Width: string-width's own answer
 * (test/ui/render/text.test.ts checks every code point), without loading it — its segmenter and
 * emoji tables cost the dashboard's first frame ~50–100 ms here.
 */
const ONLY_STRING_WIDTH_KNOWS =
  /[\p{Emoji_Presentation}\p{Default_Ignorable_Code_Point}\p{Control}\p{Format}\p{Nonspacing_Mark}\p{Enclosing_Mark}\p{Surrogate}]/u;

/**
 * Columns one character (code point) takes. Frames are ASCII, box drawing, blocks and a few
 * symbols, measured once per character.
 */
export function charColumns(char: string): number {
  const code = char.codePointAt(0)!;
  if ((code >= 0x20 && code < 0x7f) || (code >= 0x2500 && code <= 0x259f)) return 1;
  let columns = charColumnsCache.get(char);
  if (columns === undefined) charColumnsCache.set(char, (columns = ONLY_STRING_WIDTH_KNOWS.test(char) ? stringWidth(char) : eastAsianWidth(code)));
  return columns;
}

/** Made on first use: building one costs ~15 ms, and most frames never need it. */
let segmenter: Intl.Segmenter | null = null;

/**
 * The graphemes of `text` (what a terminal draws in one cell, or two when wide): a base
 * character with the marks and joiners that belong to it. Most text is split by code point,
 * cheaply; only text holding something that joins goes through Intl.Segmenter.
 */
export function graphemes(text: string): Iterable<string> {
  if (!MEASURED_WHOLE.test(text)) return text;
  segmenter ??= new Intl.Segmenter();
  return Array.from(segmenter.segment(text), (piece) => piece.segment);
}

/** Columns one grapheme takes: 0 (nothing to draw), 1, or 2 for a wide character. */
export function graphemeColumns(grapheme: string): number {
  return grapheme.length === 1 || (grapheme.length === 2 && grapheme.codePointAt(0)! > 0xffff) ? charColumns(grapheme) : columnsOf(grapheme);
}

/** Terminal columns `text` takes (wide characters count twice). */
export function columnsOf(text: string): number {
  if (ONE_COLUMN_TEXT.test(text)) return text.length;
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
