/** Bad input from the user: the CLI turns it into one line on stderr and exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A broken emulator invariant: a bug in concur-tui, never the user's fault. */
export class EmulatorInvariantError extends Error {
  override name = 'EmulatorInvariantError';
}

/** An output that could not be written (a full disk, a failing device): exit code 1, not a bug and not bad input. */
export class OutputWriteError extends Error {
  override name = 'OutputWriteError';
}
