import { format } from 'node:util';
import { vi } from 'vitest';
import { buildCli } from '../../src/cli/command-line.js';
import { failureOf } from '../../src/cli/failure.js';

/** What `concur-tui ARGS` printed and how it ended. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Thrown by the stubbed `process.exit`, so a command that ends the process only ends its parse. */
class ExitRequest extends Error {
  constructor(readonly code: number) {
    super(`process.exit(${code})`);
  }
}

/**
 * Runs `concur-tui ...args` in this process, the way the binary would, without starting one
 * (a start costs ~0.3 s of CPU): the real command line (`buildCli`) parses `args`, the command
 * runs, and an error becomes the binary's stderr line and exit code (`failureOf`, as `main.ts`
 * does). stdout, stderr and console output are captured; `process.exit` and `process.exitCode`
 * give the code. `CI=1` is set (no live terminal) unless `env` says otherwise; `env` entries
 * apply for this call only (`undefined` unsets a variable).
 *
 * Calls must not overlap (the spies are process-wide): `await` each one. What only the binary
 * can show (the launcher, a closed pipe, a signal, a full disk) is in test/cli/binary.test.ts.
 */
export async function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const savedEnv = new Map<string, string | undefined>();
  for (const [name, value] of Object.entries({ CI: '1', ...env })) {
    savedEnv.set(name, process.env[name]);
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  const savedExitCode = process.exitCode;
  process.exitCode = undefined;
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      stdout += String(chunk);
      return true;
    }),
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr += String(chunk);
      return true;
    }),
    // yargs prints help and its own messages through the console.
    vi.spyOn(console, 'log').mockImplementation((...parts) => void (stdout += `${format(...parts)}\n`)),
    vi.spyOn(console, 'error').mockImplementation((...parts) => void (stderr += `${format(...parts)}\n`)),
    vi.spyOn(process, 'exit').mockImplementation((code) => {
      throw new ExitRequest(Number(code ?? 0));
    }),
  ];
  try {
    let code: number;
    try {
      await buildCli(args).parseAsync();
      code = Number(process.exitCode ?? 0);
    } catch (error) {
      if (error instanceof ExitRequest) code = error.code;
      else {
        const failure = failureOf(error);
        // An internal error is a bug: fail the test with the error itself, stack included.
        if (failure.internal) throw error;
        if (failure.line !== null) stderr += `${failure.line}\n`;
        code = failure.code;
      }
    }
    return { code, stdout, stderr };
  } finally {
    for (const spy of spies) spy.mockRestore();
    process.exitCode = savedExitCode;
    for (const [name, value] of savedEnv) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
