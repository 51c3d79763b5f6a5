/**
 * What a real Python run was made with, stored on the run (the Python twin of real-setup.ts):
 * which interpreter, its GIL, the switch interval it was given, the pool size, the cores.
 */
export interface PythonSetup {
  runtime: 'python';
  /** How the interpreter is named on screen, e.g. `CPython 3.11.7, GIL`. */
  interpreter: string;
  /** Its path, as found or given. */
  path: string;
  /** True when the interpreter ran with a GIL. */
  gil: boolean;
  /** `sys.setswitchinterval` (3.x) or, on 2.7, the check interval in ticks. */
  switchIntervalUs?: number;
  checkInterval?: number;
  /** Workers of thread-pool and process-pool. */
  workers?: number;
  /** Cores the run could use, and the ones asked for (null: none asked). */
  coresGranted: number;
  coresAsked: number | null;
  timeoutUs?: number;
}
