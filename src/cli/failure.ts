// The errors' own module, not the engine's door (descriptors.js): that loads the workloads (zlib, net, crypto), which a printed help never needs.
import { OutputWriteError, UsageError } from '../engine/errors.js';
import { errorLine } from './error-line.js';

/** Exit codes: 0 ok, 1 failed (an internal error, or output that could not be written), 2 bad usage (like most Unix tools). */
export const EXIT_USAGE = 2;
export const EXIT_FAILED = 1;

/** A write the system refused: a full disk (ENOSPC), a device error (EIO), a closed pipe (EPIPE). */
function isWriteError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && (error as NodeJS.ErrnoException).syscall === 'write' && typeof (error as NodeJS.ErrnoException).code === 'string';
}

/** How an error ends the process: its exit code, and the one stderr line (null: end quietly). */
export interface Failure {
  code: number;
  line: string | null;
  /** A bug, not the user's input or the machine's state: CONCUR_TUI_DEBUG shows its stack. */
  internal: boolean;
}

export function failureOf(error: unknown): Failure {
  if (error instanceof UsageError) return { code: EXIT_USAGE, line: errorLine(error.message), internal: false };
  // An output file that could not be written (a full disk), named by its writer.
  if (error instanceof OutputWriteError) return { code: EXIT_FAILED, line: errorLine(error.message), internal: false };
  if (isWriteError(error)) {
    // A reader that went away is not an error; a full disk is the machine's state, not a bug.
    if (error.code === 'EPIPE') return { code: 0, line: null, internal: false };
    // Node words it 'ENOSPC: no space left on device, write': keep the middle.
    const reason = /^\w+: (.+), write\b/.exec(error.message)?.[1];
    return { code: EXIT_FAILED, line: errorLine(`cannot write output: ${reason ? `${reason} (${error.code})` : error.code}`), internal: false };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: EXIT_FAILED, line: errorLine(`internal error: ${message} (set CONCUR_TUI_DEBUG=1 for details)`), internal: true };
}

/** Ends the process for `error`: its one line on stderr (its stack too, for a bug, with CONCUR_TUI_DEBUG set) and its exit code. */
export function reportError(error: unknown): never {
  const failure = failureOf(error);
  if (failure.internal && process.env.CONCUR_TUI_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  if (failure.line !== null) process.stderr.write(`${failure.line}\n`);
  process.exit(failure.code);
}
