/** Text and number helpers of the SVG Gantt, and the few sizes its parts share. */

/** Space around the picture and left of every text column, in px. */
export const MARGIN = 16;
/** The body font size, in px. */
export const FONT_PX = 13;
/** Average glyph width of a sans-serif font at FONT_PX: enough to size the label column. */
export const CHAR_PX = 7.2;

/** Splits `text` at spaces into lines of at most `chars` characters (a longer word stays whole). */
export function wrap(text: string, chars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > chars) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

export function truncate(text: string, chars: number): string {
  return text.length <= chars ? text : `${text.slice(0, Math.max(1, chars - 1))}…`;
}

/** Two decimals are sub-pixel precision; more only bloats the file. */
export function num(value: number): string {
  return String(Math.round(value * 100) / 100);
}

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Escapes text and attribute values for XML 1.0. Control characters are not allowed in XML even
 * as references, so a name typed with one gets U+FFFD instead of breaking the whole document.
 */
export function xml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITY[c] ?? c).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD');
}
