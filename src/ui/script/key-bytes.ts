import type { Key } from 'ink';

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

const SEQUENCES: Record<string, Partial<Key>> = {
  '\u001B[A': { upArrow: true },
  '\u001B[B': { downArrow: true },
  '\u001B[C': { rightArrow: true },
  '\u001B[D': { leftArrow: true },
  '\r': { return: true },
  '\t': { tab: true },
  '\u007F': { backspace: true },
  '\b': { backspace: true },
  '\u001B': { escape: true },
  '\u001B\u001B': { escape: true, meta: true },
  '\u001B\r': { return: true, meta: true },
  '\u001B[Z': { tab: true, shift: true },
  '\u001B[5~': { pageUp: true },
  '\u001B[6~': { pageDown: true },
  '\u001B[H': { home: true },
  '\u001B[F': { end: true },
  '\u001B[3~': { delete: true },
  '\u001B[2~': {},
};

const ARROWS: Record<string, Partial<Key>> = { A: { upArrow: true }, B: { downArrow: true }, C: { rightArrow: true }, D: { leftArrow: true } };
/** xterm's modified arrows, `ESC [ 1 ; M X`: M − 1 holds Shift (1), Alt (2) and Ctrl (4). */
const MODIFIED_ARROW = /^\u001B\[1;([2-8])([ABCD])$/;

/**
 * Decodes the bytes a terminal sends for one key into Ink's (input, key) pair, as useInput
 * would: the keys a tape can type (printable characters, Enter, Tab, arrows with modifiers,
 * Backspace, Delete, Escape, PageUp/PageDown, Home/End, Shift+Tab, Ctrl+letter, Alt+key).
 */
export function decodeKey(bytes: string): { input: string; key: Key } {
  const special = SEQUENCES[bytes];
  // Ink passes Enter's carriage return as the input (it is not among its named keys); the others as ''.
  if (special) return { input: special.return ? '\r' : '', key: { ...NO_KEY, ...special } };
  const arrow = MODIFIED_ARROW.exec(bytes);
  if (arrow) {
    const bits = Number(arrow[1]) - 1;
    return { input: '', key: { ...NO_KEY, ...ARROWS[arrow[2]!], shift: (bits & 1) !== 0, meta: (bits & 2) !== 0, ctrl: (bits & 4) !== 0 } };
  }
  if (bytes.length === 2 && bytes[0] === '\u001B') {
    // Alt+key: the key after an Escape; Ink marks letters and digits as meta.
    const char = bytes[1]!;
    return { input: char, key: { ...NO_KEY, meta: /^[A-Za-z0-9]$/.test(char), shift: /^[A-Z]$/.test(char) } };
  }
  const code = bytes.codePointAt(0) ?? 0;
  if (bytes.length === 1 && code >= 1 && code <= 26) {
    // Ctrl+A … Ctrl+Z: Ink reports the letter with key.ctrl.
    return { input: String.fromCharCode(code + 96), key: { ...NO_KEY, ctrl: true } };
  }
  return { input: bytes, key: { ...NO_KEY, shift: bytes !== bytes.toLowerCase() } };
}
