/** Bad input from the user: the CLI turns it into one line on stderr and exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A broken emulator invariant: a bug in concur-tui, never the user's fault. */
export class EmulatorInvariantError extends Error {
  override name = 'EmulatorInvariantError';
}
