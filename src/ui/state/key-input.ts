import type { Key } from 'ink';
import { SCENARIOS, type EmulatorParams } from '../../engine/index.js';
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
export function interpretKey(input: string, key: Key, endUs: number, paramsFor: (scenario: string) => EmulatorParams): KeyOutcome {
  const action = keyToAction(input, key, endUs);
  if (action === undefined) return { type: 'none' };
  if (action === 'quit') return { type: 'quit', code: key.ctrl ? 130 : 0 };
  if (action === 'rerun') return { type: 'rerun' };
  if (action === 'export') return { type: 'export' };
  if (action.type === 'scenario') {
    const name = SCENARIOS[action.index]?.name;
    return name ? { type: 'dispatch', msg: { ...action, params: paramsFor(name) }, leavesScenario: true } : { type: 'none' };
  }
  return { type: 'dispatch', msg: action, leavesScenario: false };
}
