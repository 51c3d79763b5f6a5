/**
 * What can run a workload for real: Node's own strategies (worker threads under an optional
 * lock built like CPython's), or a real Python interpreter running the programs the emulator
 * models. One list for `run --runtime`, the dashboard's `R` key and their help.
 */
export const REAL_RUNTIMES = ['node', 'python'] as const;

export type RealRuntimeName = (typeof REAL_RUNTIMES)[number];
