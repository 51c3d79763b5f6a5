import type { Run } from '../../engine/index.js';

/**
 * The cores a real run was granted, as a caption says it: `, on 1 core` when it had the cores
 * asked (CPU affinity limits it to fewer than the machine's), `, on all 2 cores (4 asked)` when it could not (the reason is
 * in the trace's notes and `run`'s output); nothing when no limit was asked.
 */
export function coresWords(run: Run | undefined): string {
  if (run?.source !== 'real' || run.setup.coresAsked === null) return '';
  const { coresAsked, coresGranted } = run.setup;
  const cores = `${coresGranted} core${coresGranted === 1 ? '' : 's'}`;
  return coresAsked === coresGranted ? `, on ${cores}` : `, on all ${cores} (${coresAsked} asked)`;
}
