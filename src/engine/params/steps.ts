import type { EmulatorParams } from '../emulator/params.js';
import { assertNever } from '../assert-never.js';
import { stepLadder } from './ladder.js';
import { PARAMS, type ParamName } from './schema.js';

/** The parameters a key steps (the others have no `steps` in the schema). */
export type SteppedParam = { [N in ParamName]: (typeof PARAMS)[N] extends { steps: object } ? N : never }[ParamName];

/**
 * The value a key press gives the parameter, from its value now: the next stop of its ladder,
 * one more or fewer within its range, or the next choice (direction is ignored: it wraps).
 */
export function steppedValue<N extends SteppedParam>(name: N, params: EmulatorParams, direction: 1 | -1): EmulatorParams[(typeof PARAMS)[N]['field']] {
  const spec: (typeof PARAMS)[SteppedParam] = PARAMS[name];
  const current = params[spec.field];
  const steps = spec.steps;
  switch (steps.type) {
    case 'ladder':
      return stepLadder(steps.ladder, current as number, direction) as never;
    case 'by-one': {
      const range = spec.value as { min: number; max: number };
      return Math.min(range.max, Math.max(range.min, (current as number) + direction)) as never;
    }
    case 'cycle': {
      const choices = (spec.value as { choices: readonly string[] }).choices;
      return choices[(choices.indexOf(current as string) + 1) % choices.length] as never;
    }
    default:
      return assertNever(steps, 'parameter steps');
  }
}
