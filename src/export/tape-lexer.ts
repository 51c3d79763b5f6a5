/**
 * The kinds of token a VHS tape is made of. Bare words are `word`s; the parser tells keywords
 * (`Type`, `Enter`, `ms`) from names (`demo.gif`, `bash`) by their text, as VHS's lexer does.
 */
export type TapeTokenType = 'word' | 'number' | 'string' | 'regex' | 'json' | 'punct' | 'illegal' | 'eof';

/** One token of a tape, with the line it starts on (1-based). */
export interface TapeToken {
  type: TapeTokenType;
  /** The text: a string's or regex's contents without the quotes, a punctuation mark itself. */
  text: string;
  line: number;
  /** A string, regex or JSON value that reached the end of its line without its closing mark. */
  unterminated?: boolean;
}

/** Single characters that are tokens of their own (the `+` of `Ctrl+C`, the `@` of `Type@1s`). */
const PUNCTUATION = new Set(['@', '=', ']', '[', '-', '%', '^', '\\', '+']);
const QUOTES = new Set(['"', "'", '`']);

const isDigit = (char: string | undefined) => char !== undefined && char >= '0' && char <= '9';
const isLetter = (char: string | undefined) => char !== undefined && /^[A-Za-z]$/.test(char);
/** What may follow the first letter of a bare word: paths (`out/demo.gif`), `50%`, `Catppuccin-Mocha`. */
const isWordChar = (char: string | undefined) => char !== undefined && /^[A-Za-z0-9._\-/%]$/.test(char);
const isNewline = (char: string | undefined) => char === '\n' || char === '\r';

/**
 * Splits a tape into tokens by VHS's lexical rules (charmbracelet/vhs `lexer`): tokens are
 * separated by white space, newlines included, so the grammar — not the line — decides where
 * a command ends; `#` starts a comment to the end of the line; strings are quoted with `"`, `'`
 * or `` ` `` and end at the line's end; `/…/` is a regular expression and `{…}` a JSON value;
 * a number may start with a dot (`.5`). Comments are dropped here.
 */
export function lexTape(text: string): TapeToken[] {
  const tokens: TapeToken[] = [];
  let i = 0;
  let line = 1;
  const push = (type: TapeTokenType, value: string, startLine = line, unterminated = false) =>
    tokens.push(unterminated ? { type, text: value, line: startLine, unterminated } : { type, text: value, line: startLine });
  while (i < text.length) {
    const char = text[i]!;
    if (char === '\n') {
      line++;
      i++;
    } else if (char === ' ' || char === '\t' || char === '\r') {
      i++;
    } else if (char === '#') {
      while (i < text.length && !isNewline(text[i])) i++;
    } else if (QUOTES.has(char) || char === '/') {
      let end = i + 1;
      while (end < text.length && text[end] !== char && !isNewline(text[end])) end++;
      push(char === '/' ? 'regex' : 'string', text.slice(i + 1, end), line, text[end] !== char);
      i = text[end] === char ? end + 1 : end;
    } else if (char === '{') {
      // JSON (a `Set Theme {…}`) may span lines, as in VHS.
      const startLine = line;
      let end = i + 1;
      while (end < text.length && text[end] !== '}') {
        if (text[end] === '\n') line++;
        end++;
      }
      push('json', text.slice(i, end + 1), startLine, end >= text.length);
      i = end + 1;
    } else if (isDigit(char) || (char === '.' && isDigit(text[i + 1]))) {
      let end = i;
      while (isDigit(text[end]) || text[end] === '.') end++;
      push('number', text.slice(i, end));
      i = end;
    } else if (isLetter(char) || char === '.') {
      let end = i;
      while (isWordChar(text[end])) end++;
      push('word', text.slice(i, end));
      i = end;
    } else if (PUNCTUATION.has(char)) {
      push('punct', char);
      i++;
    } else {
      // One whole character (an emoji is one), so the error can show it.
      const codePoint = text.codePointAt(i)!;
      push('illegal', String.fromCodePoint(codePoint));
      i += codePoint > 0xffff ? 2 : 1;
    }
  }
  push('eof', '');
  return tokens;
}
