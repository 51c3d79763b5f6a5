import { describe, expect, it } from 'vitest';
import { EMULATOR_OPTIONS, resolveParams } from '../../../src/cli/emulator-options.js';
import { flagName } from '../../../src/cli/values.js';
import { DEFAULT_PARAMS, PARAMS, PARAM_NAMES, UsageError, steppedValue, type ParamSpec } from '../../../src/engine/index.js';

/** A flag's name as a literal inside a RegExp: `quantum (--slice)` has parentheses. */
const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const specs = PARAM_NAMES.map((name) => [name, PARAMS[name] as ParamSpec] as const);

describe('the parameter schema', () => {
  it.each(specs)('--%s: a flag with its help, and a default inside its range', (name, spec) => {
    expect(EMULATOR_OPTIONS[name]).toMatchObject({ type: 'string', describe: spec.describe, defaultDescription: spec.defaultDescription });
    const value = DEFAULT_PARAMS[spec.field];
    if (spec.value.kind === 'duration') expect(value as number).toBeGreaterThanOrEqual(spec.value.minUs);
    if (spec.value.kind === 'duration') expect(value as number).toBeLessThanOrEqual(spec.value.maxUs);
    if (spec.value.kind === 'whole') expect(value as number).toBeGreaterThanOrEqual(spec.value.min);
    if (spec.value.kind === 'whole') expect(value as number).toBeLessThanOrEqual(spec.value.max);
    if (spec.value.kind === 'choice') expect(spec.value.choices).toContain(value);
  });

  it.each(specs)('--%s: the flag is refused just outside its range and accepted at its ends', (name, spec) => {
    const value = spec.value;
    if (value.kind === 'choice') {
      for (const choice of value.choices) expect(resolveParams({ [name]: choice }, 'tasks')[spec.field]).toBe(choice);
      expect(() => resolveParams({ [name]: 'nope' }, 'tasks')).toThrow(UsageError);
    } else if (value.kind === 'whole') {
      expect(resolveParams({ [name]: String(value.max) }, 'tasks')[spec.field]).toBe(value.max);
      expect(() => resolveParams({ [name]: String(value.max + 1) }, 'tasks')).toThrow(
        new RegExp(`--${escaped(flagName(name))}: .* from ${value.min} to ${value.max}`),
      );
      if (value.min > 0) expect(() => resolveParams({ [name]: String(value.min - 1) }, 'tasks')).toThrow(UsageError);
    } else {
      expect(resolveParams({ [name]: `${value.minUs}us` }, 'tasks')[spec.field]).toBe(value.minUs);
      if (value.minUs > 0)
        expect(() => resolveParams({ [name]: `${value.minUs - 1}us` }, 'tasks')).toThrow(new RegExp(`--${escaped(flagName(name))}: .* must be at least`));
      expect(() => resolveParams({ [name]: `${value.maxUs + 1}us` }, 'tasks')).toThrow(UsageError);
    }
  });

  it('a ladder is sorted, within its range, and reaches both ends', () => {
    for (const name of ['quantum', 'switch-interval'] as const) {
      const { ladder } = PARAMS[name].steps;
      const { minUs, maxUs } = PARAMS[name].value;
      expect([...ladder].sort((a, b) => a - b)).toEqual(ladder);
      expect(ladder[0]).toBe(minUs);
      expect(ladder.at(-1)).toBe(maxUs);
      // The round values the keys always visited, the Linux slice among them.
      expect(ladder).toEqual(expect.arrayContaining([50, 100, 200, 500, 1_000, 2_000, 4_000, 5_000, 10_000, 500_000, 1_000_000]));
    }
  });

  it('keys step within the range: cores stop at their ends, choices wrap around', () => {
    expect(steppedValue('cores', { ...DEFAULT_PARAMS, cores: 1 }, -1)).toBe(1);
    expect(steppedValue('cores', { ...DEFAULT_PARAMS, cores: PARAMS.cores.value.max }, 1)).toBe(PARAMS.cores.value.max);
    expect(steppedValue('policy', { ...DEFAULT_PARAMS, policy: 'sjf' }, 1)).toBe('rr');
    expect(steppedValue('gil', { ...DEFAULT_PARAMS, gil: 'old' }, 1)).toBe('none');
    expect(steppedValue('quantum', { ...DEFAULT_PARAMS, quantumUs: 1_000_000 }, 1)).toBe(2_000_000);
    expect(steppedValue('switch-interval', { ...DEFAULT_PARAMS, switchIntervalUs: 3 }, -1)).toBe(2);
  });
});
