/**
 * The bytes a terminal (xterm, normal cursor mode) sends for the keys a VHS tape can press.
 * VHS types into a browser terminal (xterm.js), which sends these same bytes to the program.
 */

/** The repeatable key commands (`Enter`, `PageUp 3`, `Left@100ms 2`) and their bytes. */
export const KEY_COMMANDS: Readonly<Record<string, string>> = {
  Enter: '\r',
  Space: ' ',
  Tab: '\t',
  Backspace: '\x7f',
  Delete: '\x1b[3~',
  Insert: '\x1b[2~',
  Escape: '\x1b',
  Up: '\x1b[A',
  Down: '\x1b[B',
  Right: '\x1b[C',
  Left: '\x1b[D',
  Home: '\x1b[H',
  End: '\x1b[F',
  PageUp: '\x1b[5~',
  PageDown: '\x1b[6~',
};

/** The modifiers VHS allows before the key of a `Ctrl+…` chord. */
export type ChordModifier = 'Alt' | 'Shift';

const ESC = '\x1b';
const ARROW_FINAL: Readonly<Record<string, string>> = { Up: 'A', Down: 'B', Right: 'C', Left: 'D' };
/** Control bytes of the punctuation keys that have one (`Ctrl+[` is Escape, `Ctrl+@` is NUL). */
const CTRL_PUNCTUATION: Readonly<Record<string, string>> = { '@': '\x00', '[': '\x1b', '\\': '\x1c', ']': '\x1d', '^': '\x1e', '-': '\x1f' };
const SHIFTED: Readonly<Record<string, string>> = { '[': '{', ']': '}' };

/**
 * `Ctrl[+Alt][+Shift]+KEY`: a control byte for a letter or one of `@ [ \ ] ^ -`; the xterm
 * modifier form (`ESC [ 1 ; 5 D`) for an arrow; NUL for Space, `^H` for Backspace, CR for Enter.
 * A terminal cannot tell Ctrl+Shift+letter from Ctrl+letter, so Shift changes only arrows; Alt
 * puts an Escape in front, as xterm does. Any other single character is sent as it is.
 */
export function ctrlChord(modifiers: ReadonlySet<ChordModifier>, key: string): string {
  const alt = modifiers.has('Alt') ? ESC : '';
  const final = ARROW_FINAL[key];
  if (final !== undefined) {
    const code = 5 + (modifiers.has('Shift') ? 1 : 0) + (modifiers.has('Alt') ? 2 : 0);
    return `${ESC}[1;${code}${final}`;
  }
  if (key === 'Space') return `${alt}\x00`;
  if (key === 'Backspace') return `${alt}\x08`;
  if (key === 'Enter') return `${alt}\r`;
  if (/^[A-Za-z]$/.test(key)) return alt + String.fromCharCode(key.toUpperCase().charCodeAt(0) & 0x1f);
  return alt + (CTRL_PUNCTUATION[key] ?? key);
}

/** `Alt+KEY`: Escape before each character (VHS holds Alt and types them all), or before Enter or Tab. */
export function altChord(key: string): string[] {
  if (key === 'Enter') return [`${ESC}\r`];
  if (key === 'Tab') return [`${ESC}\t`];
  return Array.from(key, (char) => ESC + char);
}

/** `Shift+KEY`: back-tab for Tab, CR for Enter, upper case (and `{ }` for `[ ]`) for characters. */
export function shiftChord(key: string): string[] {
  if (key === 'Tab') return [`${ESC}[Z`];
  if (key === 'Enter') return ['\r'];
  return Array.from(key, (char) => SHIFTED[char] ?? char.toUpperCase());
}
