import { describe, expect, it } from 'vitest';
import { MAX_QUOTED, quote } from '../../src/engine/quote.js';

describe('quoting what the user typed', () => {
  it('quotes a value of up to MAX_QUOTED characters whole', () => {
    expect(quote('4mss')).toBe("'4mss'");
    expect(quote('')).toBe("''");
    expect(quote('x'.repeat(MAX_QUOTED))).toBe(`'${'x'.repeat(MAX_QUOTED)}'`);
  });

  it('cuts a longer one to MAX_QUOTED characters, the last an ellipsis', () => {
    expect(quote('x'.repeat(100_000))).toBe(`'${'x'.repeat(MAX_QUOTED - 1)}…'`);
  });

  it('counts characters, not UTF-16 units, so it never splits one', () => {
    const quoted = quote('🦀'.repeat(MAX_QUOTED + 1));
    expect(quoted).toBe(`'${'🦀'.repeat(MAX_QUOTED - 1)}…'`);
  });
});
