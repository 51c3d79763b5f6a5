/**
 * A copy of `run` with `fields` changed that keeps its property descriptors: an emulated run's
 * lazy `spans` and `instants` (span-columns.ts) stay lazy, where `{ ...run }` would build them.
 * For the engine's own copies of runs (speed-ups, verdicts). Imports nothing, so that trace.ts can.
 */
export function withFields<R extends object>(run: R, fields: Partial<R>): R {
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(run)) as R;
  return Object.assign(copy, fields);
}
