import { assertNever } from '../assert-never.js';
import { UsageError } from '../errors.js';
import { PARAMS, type ParamName } from './schema.js';

/** One change that would let a refused emulation through. */
export type Remedy =
  /** Fewer tasks (`in-number`), or fewer or shorter ones (`or-shorter`). */
  | { type: 'tasks'; fewer: 'in-number' | 'or-shorter' }
  /** More or less of a parameter. */
  | { type: 'param'; param: ParamName; direction: 'more' | 'less' };

/** Why the event budget refused an emulation, as data: each layer words it for its own audience. */
export interface BudgetRefusal {
  strategy: string;
  /** The estimated wake-ups, and the most one emulation may need. */
  wakeups: number;
  limit: number;
  /** What to change, most effective first. */
  remedies: Remedy[];
}

/** How a layer names a change of parameter: the CLI by its flag, the dashboard by its key. */
export type ParamWords = (param: ParamName, direction: 'more' | 'less') => string;

/** The parameter in the schema's own words (`a longer time slice`), naming neither flag nor key. */
export const PLAIN_WORDS: ParamWords = (param, direction) => {
  const words = PARAMS[param].words;
  return `${direction === 'more' ? words.more : words.less} ${words.noun}`;
};

/** The refusal as one sentence, with parameters named by `words`. */
export function describeRefusal(refusal: BudgetRefusal, words: ParamWords): string {
  const changes = refusal.remedies.map((remedy) => {
    switch (remedy.type) {
      case 'tasks':
        return remedy.fewer === 'in-number' ? 'fewer tasks' : 'fewer or shorter tasks';
      case 'param':
        return words(remedy.param, remedy.direction);
      default:
        return assertNever(remedy, 'remedy');
    }
  });
  const millions = (n: number) => Math.round(n / 1e6).toLocaleString('en-US');
  const use = changes.length === 1 ? changes[0]! : `${changes.slice(0, -1).join(', ')}, or ${changes.at(-1)}`;
  return `emulating ${refusal.strategy} could need up to ${millions(refusal.wakeups)} M scheduling wake-ups (the limit is ${millions(refusal.limit)} M): use ${use}`;
}

/** An emulation the event budget refused; `refusal` says why and what to change. */
export class EventBudgetError extends UsageError {
  override name = 'EventBudgetError';
  constructor(readonly refusal: BudgetRefusal) {
    super(describeRefusal(refusal, PLAIN_WORDS));
  }
}
