import { describe, expect, it } from 'vitest';
import { errorLine } from '../../src/cli/error-line.js';

describe('the error line', () => {
  it('turns control characters into spaces, so the message stays one line', () => {
    expect(errorLine("--cores: 'a\nb\u001B[2J' must be")).toBe("concur-tui: --cores: 'a b [2J' must be");
  });

  it('keeps the start and the end of a huge message (a path, an unknown flag), at most 240 characters', () => {
    const line = errorLine(`${'x'.repeat(100_000)}.cast: cannot write (ENAMETOOLONG)`);
    expect(Array.from(line)).toHaveLength(240);
    expect(line).toMatch(/^concur-tui: x+…x+\.cast: cannot write \(ENAMETOOLONG\)$/);
  });
});
