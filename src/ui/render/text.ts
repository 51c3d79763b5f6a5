import stringWidth from 'string-width';

/** Printable ASCII is one column a character: the common case, measured without string-width. */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/** Terminal columns `text` takes (wide characters count twice). */
export function columnsOf(text: string): number {
  return PLAIN_ASCII.test(text) ? text.length : stringWidth(text);
}

/** Cuts plain text to `width` terminal columns (wide characters count twice), with an ellipsis. */
export function truncate(text: string, width: number, ellipsis = '…'): string {
  if (width <= 0) return '';
  if (columnsOf(text) <= width) return text;
  const room = width - columnsOf(ellipsis);
  let out = '';
  let used = 0;
  for (const char of text) {
    const columns = columnsOf(char);
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
