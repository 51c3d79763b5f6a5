import { assertNever } from '../../engine/index.js';

/**
 * How a cell is drawn, as one small integer: an index into the table of the styles in use
 * (foreground, background, bold, dim). 0 is plain text. Cells compare by `===` and the sink turns
 * a change of style into one SGR sequence; a colour may be any of xterm's 256 or 24-bit, which
 * would not pack into the 16 bits a cell keeps, so styles are interned instead.
 */
export type Style = number;

/**
 * A colour as the terminal is told it: an SGR foreground number (30–37, 90–97), one of xterm's 256
 * (`indexedColour(n)`) or a 24-bit one (`rgbColour(0x009e73)`). A basic colour's background is its
 * number + 10 (40–47, 100–107); the others are the same value in either place.
 */
export type Colour = number;

const INDEXED = 0x100;
const RGB = 0x1000000;

export const indexedColour = (index: number): Colour => {
  if (!(Number.isInteger(index) && index >= 0 && index < 256)) throw new RangeError(`not one of xterm's 256 colours: ${index}`);
  return INDEXED + index;
};
export const rgbColour = (hex: number): Colour => {
  if (!(Number.isInteger(hex) && hex >= 0 && hex <= 0xffffff)) throw new RangeError(`not a 24-bit colour: ${hex}`);
  return RGB + hex;
};

/** What a colour is: a basic SGR number, an index into xterm's 256, or 24-bit red, green and blue. */
export type ColourKind = { kind: 'basic'; sgr: number } | { kind: 'indexed'; index: number } | { kind: 'rgb'; hex: number };

export function colourKind(colour: Colour): ColourKind {
  if (colour >= RGB) return { kind: 'rgb', hex: colour - RGB };
  if (colour >= INDEXED) return { kind: 'indexed', index: colour - INDEXED };
  return { kind: 'basic', sgr: colour };
}

/** A colour as a background: basic colours move to 40–47 / 100–107, the others stay. */
export const background = (colour: Colour): Colour => (colour < INDEXED ? colour + 10 : colour);

/** Plain text in the terminal's colours. */
export const PLAIN: Style = 0;

/** What a style is made of; `fg` a foreground colour, `bg` a background one (see `background`), 0 or absent: the terminal's. */
export interface StyleParts {
  fg?: Colour;
  bg?: Colour;
  bold?: boolean;
  dim?: boolean;
}

const isBasic = (sgr: number, base: number) => (sgr >= base && sgr <= base + 7) || (sgr >= base + 60 && sgr <= base + 67);
const isColour = (colour: number, base: number) => Number.isInteger(colour) && (colour >= INDEXED ? colour < RGB + 0x1000000 : isBasic(colour, base));

const TABLE: Required<StyleParts>[] = [{ fg: 0, bg: 0, bold: false, dim: false }];
const INDEX = new Map<string, Style>([['0 0 false false', PLAIN]]);
/** The most styles a cell's 16 bits can name (a frame uses a few dozen). */
const MOST_STYLES = 0x10000;

export function styleOf(parts: StyleParts): Style {
  const fg = parts.fg ?? 0;
  const bg = parts.bg ?? 0;
  if (fg !== 0 && !isColour(fg, 30)) throw new RangeError(`not a foreground colour: ${fg}`);
  if (bg !== 0 && !isColour(bg, 40)) throw new RangeError(`not a background colour: ${bg}`);
  const bold = parts.bold ?? false;
  const dim = parts.dim ?? false;
  const key = `${fg} ${bg} ${bold} ${dim}`;
  let style = INDEX.get(key);
  if (style === undefined) {
    style = TABLE.length;
    if (style >= MOST_STYLES) throw new RangeError(`more than ${MOST_STYLES} styles`);
    TABLE.push({ fg, bg, bold, dim });
    INDEX.set(key, style);
  }
  return style;
}

export const BOLD = styleOf({ bold: true });
export const DIM = styleOf({ dim: true });

/** A foreground colour, or plain when there is none. */
export const foreground = (colour: Colour | undefined): Style => (colour === undefined ? PLAIN : styleOf({ fg: colour }));

export function partsOf(style: Style): Required<StyleParts> {
  const parts = TABLE[style];
  if (parts === undefined) throw new RangeError(`not a style: ${style}`);
  return { ...parts };
}

/** The SGR parameters that set a colour: `32`, `38;5;36`, `38;2;0;158;115` (backgrounds: `42`, `48;5;…`, `48;2;…`). */
function colourParameters(colour: Colour, place: 'fg' | 'bg'): string {
  const kind = colourKind(colour);
  const lead = place === 'fg' ? 38 : 48;
  switch (kind.kind) {
    case 'basic':
      return String(kind.sgr);
    case 'indexed':
      return `${lead};5;${kind.index}`;
    case 'rgb':
      return `${lead};2;${kind.hex >> 16};${(kind.hex >> 8) & 0xff};${kind.hex & 0xff}`;
    default:
      return assertNever(kind, 'colour kind');
  }
}

/** The SGR parameters that set one colour in `place`, or the code back to the terminal's (39 / 49). */
export function colourSgr(colour: Colour, place: 'fg' | 'bg'): string {
  return colour === 0 ? (place === 'fg' ? '39' : '49') : colourParameters(colour, place);
}

/**
 * The SGR parameters that draw `style` from plain: attributes first, then foreground, then
 * background (`1;91`, `32;41`, `38;5;36`), empty for plain.
 */
export function sgrParameters(style: Style): string {
  const { fg, bg, bold, dim } = partsOf(style);
  const codes: string[] = [];
  if (bold) codes.push('1');
  if (dim) codes.push('2');
  if (fg) codes.push(colourParameters(fg, 'fg'));
  if (bg) codes.push(colourParameters(bg, 'bg'));
  return codes.join(';');
}
