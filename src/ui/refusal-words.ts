import { PARAMS, type ParamWords } from '../engine/index.js';
import { KEYMAP } from './state/keymap.js';

/**
 * The dashboard names a parameter by the key that changes it (`a longer time slice (→)`), or by
 * its flag when no key does (`a shorter spawn cost (--spawn-cost)`): after a key press, a flag
 * name alone would read as if the key had been the wrong one.
 */
export const KEY_WORDS: ParamWords = (param, direction) => {
  const { words } = PARAMS[param];
  const steps = KEYMAP.find((binding) => binding.steps?.params.includes(param))?.steps;
  const key = steps ? (direction === 'more' ? steps.more : steps.less) : `--${param}`;
  return `${direction === 'more' ? words.more : words.less} ${words.noun} (${key})`;
};
