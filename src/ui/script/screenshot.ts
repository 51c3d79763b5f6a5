import type { Frame } from '../program/program.js';
import { colourKind, partsOf, type Colour, type Style } from '../render/style.js';
import { schemeOf } from '../theme.js';
import { assertNever } from '../../engine/index.js';
import type { ShotFormat } from './scripted-frames.js';

const CELL_PX = { width: 8.4, height: 18 };
const FONT_PX = 14;
const PAD_PX = 12;
/** The terminal's own colours, on the background the frame was drawn for (`--theme`). */
const DEFAULT_COLOURS = { dark: { fg: '#d4d4d4', bg: '#1e1e1e' }, light: { fg: '#333333', bg: '#ffffff' } } as const;
/** xterm's 16 colours, by SGR number: 30–37 normal, 90–97 bright (backgrounds are these + 10). */
const PALETTE = ['#000000', '#cd3131', '#0dbc79', '#e5e510', '#2472c8', '#bc3fbc', '#11a8cd', '#e5e5e5'];
const BRIGHT = ['#666666', '#f14c4c', '#23d18b', '#f5f543', '#3b8eea', '#d670d6', '#29b8db', '#ffffff'];

/** The file a screenshot of `frame` makes: the plain text of each row, or an SVG of the cells in their colours. */
export function screenshotText(frame: Frame, format: ShotFormat): string {
  return format === 'txt' ? `${frame.toLines().join('\n')}\n` : frameSvg(frame);
}

/** xterm's 6×6×6 cube levels (colours 16–231); 232–255 are greys. */
const CUBE = [0, 95, 135, 175, 215, 255];
const hex = (value: number) => `#${value.toString(16).padStart(6, '0')}`;

function xterm256(index: number): string {
  if (index < 8) return PALETTE[index]!;
  if (index < 16) return BRIGHT[index - 8]!;
  if (index >= 232) return hex((8 + 10 * (index - 232)) * 0x010101);
  const cube = index - 16;
  return hex((CUBE[Math.floor(cube / 36)]! << 16) | (CUBE[Math.floor(cube / 6) % 6]! << 8) | CUBE[cube % 6]!);
}

function colour(value: Colour, background: boolean): string | null {
  const kind = colourKind(value);
  switch (kind.kind) {
    case 'basic': {
      const base = kind.sgr - (background ? 10 : 0);
      if (base >= 30 && base <= 37) return PALETTE[base - 30]!;
      if (base >= 90 && base <= 97) return BRIGHT[base - 90]!;
      return null;
    }
    case 'indexed':
      return xterm256(kind.index);
    case 'rgb':
      return hex(kind.hex);
    default:
      return assertNever(kind, 'colour kind');
  }
}

const escapeXml = (text: string) => text.replace(/[&<>]/g, (char) => (char === '&' ? '&amp;' : char === '<' ? '&lt;' : '&gt;'));

/**
 * The frame as a terminal would show it, cell by cell on a dark background: one rectangle per run
 * of a background colour and one `<text>` per run of a style, each placed at its column, so the
 * grid holds whatever the font.
 */
function frameSvg(frame: Frame): string {
  const defaults = DEFAULT_COLOURS[schemeOf(frame.theme).background];
  const width = Math.round(frame.columns * CELL_PX.width + 2 * PAD_PX);
  const height = Math.round(frame.rows * CELL_PX.height + 2 * PAD_PX);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="100%" height="100%" fill="${defaults.bg}"/>`,
    `<g font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="${FONT_PX}" xml:space="preserve">`,
  ];
  const x = (column: number) => (PAD_PX + column * CELL_PX.width).toFixed(1);
  for (let row = 0; row < frame.rows; row++) {
    const top = PAD_PX + row * CELL_PX.height;
    for (let column = 0; column < frame.columns; ) {
      const style: Style = frame.styleAt(column, row);
      let end = column;
      let text = '';
      while (end < frame.columns && frame.styleAt(end, row) === style) text += frame.charAt(end++, row);
      const parts = partsOf(style);
      const bg = parts.bg ? colour(parts.bg, true) : null;
      if (bg) out.push(`<rect x="${x(column)}" y="${top}" width="${((end - column) * CELL_PX.width).toFixed(1)}" height="${CELL_PX.height}" fill="${bg}"/>`);
      if (text.trim() !== '') {
        const fill = (parts.fg ? colour(parts.fg, false) : null) ?? defaults.fg;
        const attributes = `${parts.bold ? ' font-weight="bold"' : ''}${parts.dim ? ' fill-opacity="0.6"' : ''}`;
        out.push(`<text x="${x(column)}" y="${top + FONT_PX}" fill="${fill}"${attributes}>${escapeXml(text)}</text>`);
      }
      column = end;
    }
  }
  out.push('</g>', '</svg>', '');
  return out.join('\n');
}
