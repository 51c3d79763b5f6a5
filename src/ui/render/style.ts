/**
 * How a cell is drawn, packed into one small integer: the foreground and background as SGR
 * colour numbers (0 = the terminal's default) and the attributes as bits. 0 is plain text.
 * Cells compare by `===` and the sink turns a change of style into one SGR sequence.
 */
export type Style = number;

/** Plain text in the terminal's colours. */
export const PLAIN: Style = 0;

const BACKGROUND_SHIFT = 7;
const BOLD_BIT = 1 << 14;
const DIM_BIT = 1 << 15;
const COLOUR_MASK = (1 << BACKGROUND_SHIFT) - 1;

/** What a style is made of; colours are SGR numbers (foreground 30–37/90–97, background 40–47/100–107). */
export interface StyleParts {
  fg?: number;
  bg?: number;
  bold?: boolean;
  dim?: boolean;
}

export function styleOf(parts: StyleParts): Style {
  for (const colour of [parts.fg, parts.bg]) {
    if (colour !== undefined && !(colour > 0 && colour <= COLOUR_MASK)) throw new RangeError(`not an SGR colour number: ${colour}`);
  }
  return (parts.fg ?? 0) | ((parts.bg ?? 0) << BACKGROUND_SHIFT) | (parts.bold ? BOLD_BIT : 0) | (parts.dim ? DIM_BIT : 0);
}

export const BOLD = styleOf({ bold: true });
export const DIM = styleOf({ dim: true });

/** A foreground colour, or plain when there is none. */
export const foreground = (colour: number | undefined): Style => (colour === undefined ? PLAIN : styleOf({ fg: colour }));

export function partsOf(style: Style): Required<StyleParts> {
  return { fg: style & COLOUR_MASK, bg: (style >> BACKGROUND_SHIFT) & COLOUR_MASK, bold: (style & BOLD_BIT) !== 0, dim: (style & DIM_BIT) !== 0 };
}

/**
 * The SGR parameters that draw `style` from plain: attributes first, then foreground, then
 * background (`1;91`, `32;41`), empty for plain.
 */
export function sgrParameters(style: Style): string {
  const { fg, bg, bold, dim } = partsOf(style);
  const codes: number[] = [];
  if (bold) codes.push(1);
  if (dim) codes.push(2);
  if (fg) codes.push(fg);
  if (bg) codes.push(bg);
  return codes.join(';');
}
