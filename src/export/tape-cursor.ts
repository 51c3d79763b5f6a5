import { UsageError, quote, quoteName } from '../engine/index.js';
import { type TapeToken, lexTape } from './tape-lexer.js';
import { MAX_KEY_COUNT } from './tape.js';
import { KEYWORDS, isTimeUnit, timeMs } from './tape-values.js';

/**
 * The tokens of one tape file and the reading of VHS's argument forms from them: times,
 * repeat counts, quoted strings, names. Every error names `file:line`.
 */
export class TapeCursor {
  private readonly tokens: TapeToken[];
  private pos = 0;

  constructor(
    text: string,
    /** The file's name, as errors show it. */
    readonly source: string,
  ) {
    this.tokens = lexTape(text);
  }

  peek(): TapeToken {
    return this.tokens[this.pos]!;
  }

  next(): TapeToken {
    const token = this.tokens[this.pos]!;
    if (token.type !== 'eof') this.pos++;
    return token;
  }

  /** `file:line` of a token. */
  where(token: TapeToken): string {
    return `${quoteName(this.source)}:${token.line}`;
  }

  fail(token: TapeToken, message: string): never {
    throw new UsageError(`${this.where(token)}: ${message}`);
  }

  /** Whether the next token is the punctuation mark `mark`. */
  isPunct(mark: string): boolean {
    const token = this.peek();
    return token.type === 'punct' && token.text === mark;
  }

  /** A string or regex that ran into the end of its line is refused (VHS would take it silently). */
  checkClosed(token: TapeToken): TapeToken {
    if (token.unterminated) this.fail(token, `unterminated ${token.type === 'regex' ? 'regular expression' : 'string'} (missing closing mark)`);
    return token;
  }

  /** An optional repeat count after a key (`Left 3`), 1 without one. */
  count(word: string): number {
    const token = this.peek();
    if (token.type !== 'number') return 1;
    this.next();
    if (!/^\d+$/.test(token.text)) this.fail(token, `${word} count ${quote(token.text)} is not a whole number`);
    const count = Number(token.text);
    if (count < 1 || count > MAX_KEY_COUNT) this.fail(token, `${word} count ${token.text} is not between 1 and ${MAX_KEY_COUNT}`);
    return count;
  }

  /** An optional `@time` right after a command word, in ms. */
  speed(command: TapeToken): number | undefined {
    if (!this.isPunct('@')) return undefined;
    this.next();
    return this.time(command, `${command.text}@ needs a duration, e.g. ${command.text}@100ms`);
  }

  /** `<number>[ms|s|m|us]` in ms: a bare number is seconds, as in VHS. */
  time(command: TapeToken, missing: string): number {
    const number = this.peek();
    if (number.type !== 'number') this.fail(command, `${missing}${number.type === 'eof' ? '' : `, not ${quote(number.text)}`}`);
    this.next();
    const unit = this.peek().type === 'word' && isTimeUnit(this.peek().text) ? this.next().text : undefined;
    const ms = timeMs(number.text, unit);
    if (ms === null) this.fail(number, `${quote(number.text + (unit ?? ''))} is not a duration`);
    return ms;
  }

  /** Whether the next token is a string: quoted, or a bare word that is not a keyword (VHS's STRING token). */
  atText(): boolean {
    const token = this.peek();
    return token.type === 'string' || (token.type === 'word' && !KEYWORDS.has(token.text));
  }

  /**
   * One or more strings, joined by a space (VHS: `Type "a" "b"` types `a b`, `Type glow` types
   * `glow`). Unlike VHS, only strings on the same line join: a bare word on the next line
   * (`Typo`) is a command of its own, and an error, rather than more text to type.
   */
  strings(command: TapeToken, missing: string): string {
    if (!this.atText()) this.fail(command, missing);
    const parts: string[] = [];
    let line = this.peek().line;
    while (this.atText() && this.peek().line === line) {
      const part = this.checkClosed(this.next());
      parts.push(part.text);
      line = part.line;
    }
    return parts.join(' ');
  }

  /** A file or program name: a bare word or a quoted string. */
  name(command: TapeToken, missing: string): string {
    const value = this.peek();
    // As in VHS, `/` starts a regular expression: a path from the root must be quoted.
    if (value.type === 'regex') this.fail(command, `${command.text}: quote a name that starts with /, e.g. ${command.text} "/tmp/demo.cast"`);
    if (!this.atText()) this.fail(command, missing);
    return this.checkClosed(this.next()).text;
  }
}
