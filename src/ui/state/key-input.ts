import type { Key } from 'ink';
import { SCENARIOS } from '../../engine/index.js';
import { decodeKey } from '../script/key-bytes.js';
import { keyToAction } from './keymap.js';
import type { Msg } from './update.js';

/** What one key press does to the dashboard, beyond the reducer. */
export type KeyOutcome =
  | { type: 'quit'; code: number }
  | { type: 'rerun' }
  | { type: 'export' }
  /** `leavesScenario`: the real runs in progress belong to the previous scenario. */
  | { type: 'dispatch'; msg: Msg; leavesScenario: boolean }
  | { type: 'none' };

/**
 * Interprets a key press (keyboard or key script): the live dashboard and the scripted
 * recorder share this, so a tape does exactly what the same keys typed would do.
 */
export function interpretKey(input: string, key: Key, endUs: () => number): KeyOutcome {
  const action = keyToAction(input, key, endUs);
  if (action === undefined) return { type: 'none' };
  if (action === 'quit') return { type: 'quit', code: key.ctrl ? 130 : 0 };
  if (action === 'rerun') return { type: 'rerun' };
  if (action === 'export') return { type: 'export' };
  if (action.type === 'scenario') {
    return SCENARIOS[action.index] ? { type: 'dispatch', msg: action, leavesScenario: true } : { type: 'none' };
  }
  return { type: 'dispatch', msg: action, leavesScenario: false };
}

/**
 * The key presses in one chunk of input. Ink splits escape sequences (arrows) into separate
 * events but hands a run of plain characters over as one string, for pasting into text fields:
 * here `cc` typed fast, a held-down `+` or `qq` are two presses each, decoded one by one.
 */
export function keyPresses(input: string, key: Key): { input: string; key: Key }[] {
  const chars = [...input];
  return chars.length > 1 ? chars.map(decodeKey) : [{ input, key }];
}
