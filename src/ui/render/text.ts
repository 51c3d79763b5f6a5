import stringWidth from 'string-width';

/** Cuts plain text to `width` terminal columns (wide characters count twice), with an ellipsis. */
export function truncate(text: string, width: number, ellipsis = '…'): string {
  if (width <= 0) return '';
  if (stringWidth(text) <= width) return text;
  let out = '';
  for (const char of text) {
    if (stringWidth(out + char + ellipsis) > width) break;
    out += char;
  }
  return out + ellipsis;
}

/** Pads (or cuts) plain text to exactly `width` columns. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const cut = truncate(text, width);
  const pad = ' '.repeat(Math.max(0, width - stringWidth(cut)));
  return align === 'left' ? cut + pad : pad + cut;
}
