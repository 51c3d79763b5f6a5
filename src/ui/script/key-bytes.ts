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
  '\u001B': { escape: true },
};

/**
 * Decodes the bytes a terminal sends for one key into Ink's (input, key) pair, as useInput
 * would: the keys a tape can type (printable characters, Enter, Tab, arrows, Backspace,
 * Escape, Ctrl+letter).
 */
export function decodeKey(bytes: string): { input: string; key: Key } {
  const special = SEQUENCES[bytes];
  if (special) return { input: '', key: { ...NO_KEY, ...special } };
  const code = bytes.codePointAt(0) ?? 0;
  if (bytes.length === 1 && code >= 1 && code <= 26) {
    // Ctrl+A … Ctrl+Z: Ink reports the letter with key.ctrl.
    return { input: String.fromCharCode(code + 96), key: { ...NO_KEY, ctrl: true } };
  }
  return { input: bytes, key: { ...NO_KEY, shift: bytes !== bytes.toLowerCase() } };
}
