import { describe, expect, it } from 'vitest';
import { MAX_QUOTED, quote, quoteName } from '../../src/engine/quote.js';

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

describe('quoting a file name as git quotes odd paths (issue 17, defect 8)', () => {
  it('leaves a plain name as it is, Unicode and spaces included', () => {
    expect(quoteName('out.json')).toBe('out.json');
    expect(quoteName('my run/é 🦀.cast')).toBe('my run/é 🦀.cast');
    expect(quoteName('back\\slash "q".json')).toBe('back\\slash "q".json');
  });

  it('puts a name with control characters in double quotes with C escapes, so it cannot drive the terminal', () => {
    expect(quoteName('evil\u001B]0;PWNED\u0007\u001B[2J.json')).toBe('"evil\\033]0;PWNED\\a\\033[2J.json"');
    expect(quoteName('a\u001B[31mred\nx.json')).toBe('"a\\033[31mred\\nx.json"');
    expect(quoteName('tab\there\u007F\u009B"\\')).toBe('"tab\\there\\177\\233\\"\\\\"');
  });

  it('a typed value is escaped the same way inside its single quotes', () => {
    expect(quote('4\u001B[2Jms')).toBe("'4\\033[2Jms'");
  });
});
