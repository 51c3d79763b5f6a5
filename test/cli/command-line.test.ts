import { describe, expect, it, vi } from 'vitest';
import { buildCli } from '../../src/cli/command-line.js';
import { failureOf } from '../../src/cli/failure.js';
import { UsageError } from '../../src/engine/index.js';

/** An error as Node raises it for a write the system refused. */
const writeError = (code: string, message: string) => Object.assign(new Error(message), { code, syscall: 'write' });

describe('how an error ends the process (main.ts prints the line and exits with the code)', () => {
  it('a usage error: its message in one line, exit 2', () => {
    expect(failureOf(new UsageError('--cores: bad\nvalue'))).toEqual({ code: 2, line: 'concur-tui: --cores: bad value', internal: false });
  });

  it('a reader that went away (EPIPE): exit 0, nothing said', () => {
    expect(failureOf(writeError('EPIPE', 'EPIPE: broken pipe, write'))).toEqual({ code: 0, line: null, internal: false });
  });

  it('a full disk or a device error: the reason, exit 1, not a bug', () => {
    expect(failureOf(writeError('ENOSPC', 'ENOSPC: no space left on device, write'))).toEqual({
      code: 1,
      line: 'concur-tui: cannot write output: no space left on device (ENOSPC)',
      internal: false,
    });
    expect(failureOf(writeError('EIO', 'EIO'))).toEqual({ code: 1, line: 'concur-tui: cannot write output: EIO', internal: false });
  });

  it('anything else is an internal error: exit 1, and the line says how to see details', () => {
    expect(failureOf(new TypeError('x is undefined'))).toEqual({
      code: 1,
      line: 'concur-tui: internal error: x is undefined (set CONCUR_TUI_DEBUG=1 for details)',
      internal: true,
    });
  });
});

describe('the command line at start-up (issue 15)', () => {
  it("a command runs without yargs first rendering the command's whole help (which nothing shows)", async () => {
    const cli = buildCli(['scenarios']);
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await cli.parseAsync();
    } finally {
      write.mockRestore();
    }
    const usage = (cli as unknown as { getInternalMethods(): { getUsageInstance(): { hasCachedHelpMessage(): boolean } } })
      .getInternalMethods()
      .getUsageInstance();
    expect(usage.hasCachedHelpMessage()).toBe(false);
  });
});
