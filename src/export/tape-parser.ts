import { extname } from 'node:path';
import { assertNever, quote, quoteName } from '../engine/index.js';
import { type ReadTape, type Tape, type TapeStep, MAX_TAPE_KEYS, MAX_TAPE_SLEEP_MS, MAX_TAPE_STEPS } from './tape.js';
import { type ChordModifier, KEY_COMMANDS, altChord, ctrlChord, shiftChord } from './tape-keys.js';
import { TapeCursor } from './tape-cursor.js';
import type { TapeToken } from './tape-lexer.js';
import { DEFAULT_WAIT_PATTERN, DEFAULT_WAIT_TIMEOUT_MS, RENDER_SETTINGS, compilePattern } from './tape-values.js';

/** A token's text in a message: as it is, or quoted when it spans lines or holds controls (a `{…}` value). */
const shown = (text: string) => (text === '' ? '…' : /[\u0000-\u001f\u007f]/.test(text) ? quote(text) : text);

const SCROLLS = new Set(['ScrollUp', 'ScrollDown']);
/** VHS's commands other than keys (`Pause`/`Resume`: names one of VHS's example tapes gives Hide/Show). */
const COMMANDS = [
  'Type',
  'Sleep',
  'Ctrl',
  'Alt',
  'Shift',
  'Set',
  'Output',
  'Hide',
  'Pause',
  'Show',
  'Resume',
  'Require',
  'Wait',
  'Source',
  'Screenshot',
  'Copy',
  'Paste',
  'Env',
  'Subtitle',
] as const;
type Command = (typeof COMMANDS)[number];
const isCommand = (word: string): word is Command => (COMMANDS as readonly string[]).includes(word);
/** Keys VHS accepts after `Ctrl+` besides a single character. */
const CTRL_KEYS = new Set(['Enter', 'Space', 'Backspace', 'Left', 'Right', 'Up', 'Down']);
const CTRL_PUNCT = new Set(['-', '@', '[', ']', '^', '\\']);

/**
 * The tape grammar of VHS (charmbracelet/vhs `parser`), command by command, turned straight into
 * steps. Settings that matter while playing (`TypingSpeed`, `WaitTimeout`, `WaitPattern`) and
 * the `Copy` clipboard take effect in tape order, in `Source`d tapes too, as VHS runs them.
 */
export class TapeParser {
  private c: TapeCursor = new TapeCursor('', '');
  private nested = false;
  private typingMs = 0;
  private waitTimeoutMs = DEFAULT_WAIT_TIMEOUT_MS;
  private waitPattern = DEFAULT_WAIT_PATTERN;
  private clipboard = '';
  private readonly warned = new Set<string>();
  private keys = 0;
  private sleepMs = 0;

  constructor(
    private readonly tape: Tape,
    private readonly readTape: ReadTape,
  ) {}

  /** Parses `text` (named `source`); `nested` for a `Source`d tape, which may not `Source` again. */
  parse(text: string, source: string, nested: boolean): void {
    const saved = { c: this.c, nested: this.nested };
    Object.assign(this, { c: new TapeCursor(text, source), nested });
    try {
      while (this.c.peek().type !== 'eof') this.command();
    } finally {
      Object.assign(this, saved);
    }
  }

  private command(): void {
    const token = this.c.next();
    if (token.type !== 'word') {
      if (token.type === 'string' || token.type === 'regex') this.c.checkClosed(token);
      this.c.fail(token, `unknown command ${quote(token.text)}`);
    }
    const word = token.text;
    const bytes = KEY_COMMANDS[word];
    if (bytes !== undefined || SCROLLS.has(word)) return this.keypress(token, word, bytes);
    if (!isCommand(word)) return this.c.fail(token, `unknown command ${quote(word)}`);
    switch (word) {
      case 'Type':
        return this.typeText(token, this.c.speed(token), this.c.strings(token, 'Type needs a quoted string, e.g. Type "hello"'));
      case 'Sleep':
        return this.push({ type: 'sleep', ms: this.c.time(token, 'Sleep needs a duration, e.g. Sleep 500ms'), line: token.line });
      case 'Ctrl':
        return this.keysStep(token, [this.ctrl(token)], this.typingMs);
      case 'Alt':
        return this.keysStep(token, altChord(this.chordKey(token, 'Alt')), this.typingMs);
      case 'Shift':
        return this.keysStep(token, shiftChord(this.chordKey(token, 'Shift')), this.typingMs);
      case 'Set':
        return this.set(token);
      case 'Output':
        return this.output(token);
      case 'Hide':
      case 'Pause':
        return this.push({ type: 'hide', line: token.line });
      case 'Show':
      case 'Resume':
        return this.push({ type: 'show', line: token.line });
      case 'Require':
        this.tape.requires.push({ name: this.c.name(token, 'Require needs a program name, e.g. Require node'), where: this.c.where(token) });
        return;
      case 'Wait':
        return this.wait(token);
      case 'Source':
        return this.sourceTape(token);
      case 'Screenshot':
        return this.screenshot(token);
      case 'Copy':
        this.clipboard = this.c.strings(token, 'Copy needs a quoted string, e.g. Copy "hello"');
        return;
      case 'Paste':
        return this.typeText(token, undefined, this.clipboard);
      case 'Env':
        return this.env(token);
      case 'Subtitle': {
        const text = this.c.strings(token, 'Subtitle needs a quoted string ("" clears it)');
        return this.push({ type: 'narrate', text: text === '' ? null : text, line: token.line });
      }
      default:
        return assertNever(word, 'tape command');
    }
  }

  /** `Key[@time] [count]`: a key pressed `count` times, `time` after each. */
  private keypress(token: TapeToken, word: string, bytes: string | undefined): void {
    const delayMs = this.c.speed(token) ?? this.typingMs;
    const count = this.c.count(word);
    if (bytes !== undefined) return this.keysStep(token, new Array<string>(count).fill(bytes), delayMs);
    this.warnOnce(token, word, `${word} scrolls the scrollback of VHS's terminal; the dashboard has none, so it changes nothing`);
    if (delayMs > 0) for (let i = 0; i < count; i++) this.push({ type: 'sleep', ms: delayMs, line: token.line });
  }

  private typeText(token: TapeToken, delayMs: number | undefined, text: string): void {
    this.keysStep(token, Array.from(text), delayMs ?? this.typingMs);
  }

  /** Keys as one step, or each followed by a sleep when a typing delay is set (as VHS sleeps after each key). */
  private keysStep(token: TapeToken, keys: string[], delayMs: number): void {
    if (keys.length === 0) return;
    if (delayMs === 0) this.push({ type: 'keys', keys, line: token.line });
    else {
      // Fail before building millions of steps from one long `Type@1ms` line.
      if (this.tape.steps.length + 2 * keys.length > MAX_TAPE_STEPS) this.c.fail(token, `the tape exceeds the limit of ${MAX_TAPE_STEPS} steps`);
      for (const key of keys) {
        this.push({ type: 'keys', keys: [key], line: token.line });
        this.push({ type: 'sleep', ms: delayMs, line: token.line });
      }
    }
    this.keys += keys.length;
    if (this.keys > MAX_TAPE_KEYS) this.c.fail(token, `the tape types more than the limit of ${MAX_TAPE_KEYS} keys in all`);
  }

  private push(step: TapeStep): void {
    this.tape.steps.push(step);
    const at = { line: step.line } as TapeToken;
    if (this.tape.steps.length > MAX_TAPE_STEPS) this.c.fail(at, `the tape exceeds the limit of ${MAX_TAPE_STEPS} steps`);
    if (step.type === 'sleep') {
      this.sleepMs += step.ms;
      if (this.sleepMs > MAX_TAPE_SLEEP_MS) this.c.fail(at, 'the tape sleeps longer than the limit of 1 hour in total');
    }
  }

  /** `Ctrl[+Alt][+Shift]+KEY`. */
  private ctrl(token: TapeToken): string {
    const modifiers = new Set<ChordModifier>();
    let key: string | null = null;
    while (this.c.isPunct('+')) {
      this.c.next();
      const part = this.c.next();
      if (key !== null) this.c.fail(part, `Ctrl+${key}: one key only after the modifiers`);
      if (part.type === 'word' && (part.text === 'Alt' || part.text === 'Shift')) modifiers.add(part.text);
      else if (
        ((part.type === 'word' || part.type === 'string') && Array.from(part.text).length === 1) ||
        (part.type === 'word' && CTRL_KEYS.has(part.text)) ||
        (part.type === 'punct' && CTRL_PUNCT.has(part.text))
      ) {
        key = part.text;
      } else this.c.fail(part, `Ctrl+${shown(part.text)}: not a key Ctrl can press (a letter, Enter, Space, Backspace, an arrow or one of - @ [ ] ^ \\)`);
    }
    if (key === null) this.c.fail(token, 'Ctrl needs a key, e.g. Ctrl+C');
    return ctrlChord(modifiers, key);
  }

  /** The key of `Alt+KEY` or `Shift+KEY`: characters, Enter, Tab, `[` or `]`. */
  private chordKey(token: TapeToken, modifier: string): string {
    if (!this.c.isPunct('+')) this.c.fail(token, `${modifier} needs a key, e.g. ${modifier}+Tab`);
    this.c.next();
    const named = this.c.peek().type === 'word' && (this.c.peek().text === 'Enter' || this.c.peek().text === 'Tab');
    const text = this.c.atText();
    const part = this.c.next();
    if (named || (text && part.text !== '') || (part.type === 'punct' && (part.text === '[' || part.text === ']'))) return this.c.checkClosed(part).text;
    return this.c.fail(part, `${modifier}+${shown(part.text)}: not a key ${modifier} can press`);
  }

  private set(token: TapeToken): void {
    const setting = this.c.next();
    const name = setting.text;
    if (setting.type !== 'word') this.c.fail(setting, `Set needs a setting name, e.g. Set TypingSpeed 50ms, not ${quote(name)}`);
    if (name === 'TypingSpeed' || name === 'WaitTimeout') {
      const ms = this.c.time(token, `Set ${name} needs a duration`);
      if (name === 'TypingSpeed') this.typingMs = ms;
      else this.waitTimeoutMs = ms;
      return;
    }
    const value = this.c.next();
    if (value.type === 'eof') this.c.fail(token, `Set ${name} needs a value`);
    this.c.checkClosed(value);
    if (name === 'WaitPattern') {
      const pattern = compilePattern(value.text);
      if (typeof pattern === 'string') this.c.fail(value, `Set WaitPattern: invalid regular expression ${quote(value.text)}: ${pattern}`);
      this.waitPattern = pattern;
      return;
    }
    if (this.c.isPunct('%')) this.c.next(); // Set LoopOffset 20%
    // Settings of later or other VHS versions (Rows, Caption…) are passed over too, said once, as the render ones are.
    const why =
      name === 'Shell'
        ? 'concur-tui drives its dashboard, not a shell'
        : RENDER_SETTINGS.has(name)
          ? 'it changes only how VHS renders its video'
          : 'it is not a setting of the VHS grammar concur-tui follows';
    this.warnOnce(token, `Set ${name}`, `Set ${name} is ignored: ${why}`);
  }

  private output(token: TapeToken): void {
    const path = this.c.name(token, 'Output needs a file name, e.g. Output demo.cast');
    const ext = extname(path);
    if (ext === '' && !path.endsWith('/')) this.c.fail(token, `Output ${quoteName(path)}: name a file with its extension (demo.cast) or a folder ending in /`);
    // A Sourced tape's Output is dropped, so it cannot overwrite the outer tape's (as in VHS).
    if (this.nested) return;
    if (ext === '.cast') this.tape.casts.push({ name: path, where: this.c.where(token) });
    else this.tape.warnings.push(`${this.c.where(token)}: Output ${quoteName(path)} is not written: concur-tui records only asciicast files (.cast)`);
  }

  /** `Wait[+Line|+Screen][@timeout] [/regex/]`. */
  private wait(token: TapeToken): void {
    let scope: 'line' | 'screen' = 'line';
    if (this.c.isPunct('+')) {
      this.c.next();
      const part = this.c.next();
      if (part.type !== 'word' || (part.text !== 'Line' && part.text !== 'Screen')) this.c.fail(part, 'Wait+ takes Line or Screen');
      scope = part.text === 'Line' ? 'line' : 'screen';
    }
    const timeoutMs = this.c.speed(token) ?? this.waitTimeoutMs;
    if (timeoutMs <= 0) this.c.fail(token, 'Wait needs a positive timeout');
    let pattern = this.waitPattern;
    if (this.c.peek().type === 'regex') {
      const regex = this.c.checkClosed(this.c.next());
      const compiled = compilePattern(regex.text);
      if (typeof compiled === 'string') this.c.fail(regex, `Wait: invalid regular expression /${regex.text}/: ${compiled}`);
      pattern = compiled;
    }
    this.push({ type: 'wait', scope, pattern, timeoutMs, where: this.c.where(token), line: token.line });
  }

  private sourceTape(token: TapeToken): void {
    const path = this.c.name(token, 'Source needs a tape file, e.g. Source setup.tape');
    if (extname(path) !== '.tape') this.c.fail(token, `Source ${quoteName(path)}: a .tape file is expected`);
    if (this.nested) this.c.fail(token, `Source ${quoteName(path)}: a sourced tape cannot Source another`);
    const text = this.readTape(path, this.c.where(token));
    if (text.trim() === '') this.c.fail(token, `Source ${quoteName(path)}: the tape is empty`);
    this.parse(text, path, true);
  }

  private screenshot(token: TapeToken): void {
    const path = this.c.name(token, 'Screenshot needs a file name, e.g. Screenshot frame.svg');
    const ext = extname(path);
    if (ext === '.svg' || ext === '.txt') {
      this.push({ type: 'screenshot', path, format: ext === '.svg' ? 'svg' : 'txt', where: this.c.where(token), line: token.line });
    } else if (ext === '.png') {
      this.tape.warnings.push(`${this.c.where(token)}: Screenshot ${quoteName(path)} is not written: concur-tui writes screenshots as .svg or .txt`);
    } else {
      this.c.fail(token, `Screenshot ${quoteName(path)}: name a .svg or .txt file`);
    }
  }

  private env(token: TapeToken): void {
    const name = this.c.next();
    if (name.type !== 'word' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name.text)) this.c.fail(token, `Env needs a variable name, e.g. Env NO_COLOR "1"`);
    if (!this.c.atText()) this.c.fail(token, `Env ${name.text} needs a value, e.g. Env ${name.text} "1"`);
    this.tape.env.push({ name: name.text, value: this.c.checkClosed(this.c.next()).text, where: this.c.where(token) });
  }

  private warnOnce(token: TapeToken, key: string, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.tape.warnings.push(`${this.c.where(token)}: ${message}`);
  }
}
