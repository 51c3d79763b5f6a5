/**
 * Injected faults, so tests (and users checking the tool) can see how a failing task is shown:
 * the lane turns `failed` with the reason and the other lanes go on.
 */
export const FAULTS = {
  /** The workload throws an Error. */
  throw: 1,
  /** The worker or child calls `process.exit(3)`. */
  exit: 2,
  /** The workload computes forever (ended only by cancelling or a timeout). */
  hang: 3,
} as const;

export type FaultName = keyof typeof FAULTS;

export function runFault(code: number): void {
  if (code === FAULTS.throw) throw new Error('injected fault: the workload threw');
  if (code === FAULTS.exit) process.exit(3);
  if (code === FAULTS.hang) for (;;);
  throw new Error(`unknown fault ${code}`);
}
