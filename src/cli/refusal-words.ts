import { EventBudgetError, PARAMS, UsageError, describeRefusal, type ParamWords } from '../engine/descriptors.js';

/** The command line names a parameter by its flag: `a longer --quantum`, `fewer --workers`. */
export const FLAG_WORDS: ParamWords = (param, direction) => {
  const { words } = PARAMS[param];
  return `${direction === 'more' ? words.more : words.less} --${param}`;
};

/** Runs `emulation`; an event-budget refusal is reworded with the flags that would change it. */
export function inFlagWords<T>(emulation: () => T): T {
  try {
    return emulation();
  } catch (error) {
    if (error instanceof EventBudgetError) throw new UsageError(describeRefusal(error.refusal, FLAG_WORDS));
    throw error;
  }
}
