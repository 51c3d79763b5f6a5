import {
  PARAMS,
  UsageError,
  assertNever,
  formatDuration,
  parseDuration,
  quote,
  type ParamName,
  type ParamSpec,
  type ParamValue,
} from '../engine/descriptors.js';

/** Parses a whole number flag within [min, max], with a message naming the flag. */
export function parseWhole(text: unknown, flag: string, min: number, max: number): number {
  const raw = String(text).trim();
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`--${flag}: ${quote(raw)} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

/** Parses a decimal number flag (`0.25`, `.5`, `3`) within [min, max], with a message naming the flag. */
export function parseDecimal(text: unknown, flag: string, min: number, max: number): number {
  const raw = String(text).trim();
  const value = /^(\d+\.?\d*|\.\d+)$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new UsageError(`--${flag}: ${quote(raw)} must be a number from ${min} to ${max}`);
  }
  return value;
}

/** Parses a duration flag (`4ms`, `50us`, `1s`) at least `minUs` long (at most a day: parseDuration). */
export function parseDurationFlag(text: unknown, flag: string, minUs: number): number {
  const us = parseDuration(String(text), `--${flag}`);
  // The bound in the unit a user would type (1ms, not 1000us).
  if (us < minUs) throw new UsageError(`--${flag}: ${quote(String(text).trim())} must be at least ${formatDuration(minUs)}`);
  return us;
}

/** Checks a value against a fixed list, naming the choices. */
export function parseChoice<T extends string>(text: unknown, flag: string, choices: readonly T[]): T {
  const value = String(text).trim();
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag}: unknown value ${quote(value)} (choose from ${choices.join(', ')})`);
}

/** A comma list where each item is one of `choices`, or `all`. */
export function parseChoiceList<T extends string>(text: unknown, flag: string, choices: readonly T[]): T[] {
  const value = String(text).trim();
  if (value === 'all') return [...choices];
  const names = value.split(',');
  if (names.some((name) => name.trim() === 'all')) {
    throw new UsageError(`--${flag}: 'all' cannot be combined with other names (give all alone, or a list of ${choices.join(', ')})`);
  }
  const items = names.map((item) => parseChoice(item, flag, choices));
  return [...new Set(items)];
}

/**
 * A parameter's flag as its messages name it: `quantum (--slice)`. yargs does not say which
 * spelling was typed, and the dashboard calls the quantum "slice", so a message names both.
 */
export function flagName(name: ParamName): string {
  const spec: ParamSpec = PARAMS[name];
  const aliases = spec.aliases ?? [];
  return aliases.length === 0 ? name : `${name} (${aliases.map((alias) => `--${alias}`).join(', ')})`;
}

/** Parses a parameter's flag by its schema entry: the kind of value, and its range. */
export function parseParamFlag(name: ParamName, text: unknown): number | string {
  const value = PARAMS[name].value as ParamValue;
  const flag = flagName(name);
  switch (value.kind) {
    case 'duration':
      return parseDurationFlag(text, flag, value.minUs);
    case 'whole':
      return parseWhole(text, flag, value.min, value.max);
    case 'choice':
      return parseChoice(text, flag, value.choices);
    default:
      return assertNever(value, 'parameter value');
  }
}
