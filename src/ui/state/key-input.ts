import type { Key } from 'ink';
import { decodeKey } from '../script/key-bytes.js';

/**
 * The key presses in one chunk of input. Ink splits escape sequences (arrows) into separate
 * events but hands a run of plain characters over as one string, for pasting into text fields:
 * here `cc` typed fast, a held-down `+` or `qq` are two presses each, decoded one by one.
 */
export function keyPresses(input: string, key: Key): { input: string; key: Key }[] {
  const chars = [...input];
  return chars.length > 1 ? chars.map(decodeKey) : [{ input, key }];
}
