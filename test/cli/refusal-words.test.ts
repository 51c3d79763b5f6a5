import { describe, expect, it } from 'vitest';
import { FLAG_WORDS, inFlagWords } from '../../src/cli/refusal-words.js';
import { DEFAULT_PARAMS, checkEventBudget, describeRefusal, parseTasks, type BudgetRefusal } from '../../src/engine/index.js';

const refusal = (remedies: BudgetRefusal['remedies']): BudgetRefusal => ({ strategy: 'threads', wakeups: 3_600_000_000, limit: 10_000_000, remedies });

describe('the command line words a refusal with flags', () => {
  it('names each parameter by its flag, with the schema’s adjective', () => {
    const words = describeRefusal(
      refusal([
        { type: 'param', param: 'spawn-cost', direction: 'less' },
        { type: 'param', param: 'workers', direction: 'less' },
        { type: 'param', param: 'check-interval', direction: 'more' },
        { type: 'param', param: 'quantum', direction: 'more' },
      ]),
      FLAG_WORDS,
    );
    expect(words).toBe(
      'emulating threads could need up to 3,600 M scheduling wake-ups (the limit is 10 M): ' +
        'use a shorter --spawn-cost, fewer --workers, a larger --check-interval, or a longer --quantum',
    );
  });

  it('rewords the engine’s refusal and lets everything else through', () => {
    const refused = () => inFlagWords(() => checkEventBudget(parseTasks('3600s,3600s'), { ...DEFAULT_PARAMS, switchIntervalUs: 1 }, ['threads']));
    expect(refused).toThrow(
      /^emulating threads could need up to \d[\d,]* M scheduling wake-ups \(the limit is 10 M\): use fewer or shorter tasks, or a longer --switch-interval$/,
    );
    expect(inFlagWords(() => 42)).toBe(42);
    expect(() =>
      inFlagWords(() => {
        throw new RangeError('other');
      }),
    ).toThrow(RangeError);
  });
});
