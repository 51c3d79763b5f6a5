/** VHS's settings (`Set NAME VALUE`) and what each means to concur-tui. */
export const HONOURED_SETTINGS = new Set(['TypingSpeed', 'WaitTimeout', 'WaitPattern']);

/** Settings that only change how VHS renders its video (fonts, window, pixels) or starts its shell. */
export const RENDER_SETTINGS = new Set([
  'Shell',
  'FontFamily',
  'FontSize',
  'LetterSpacing',
  'LineHeight',
  'Framerate',
  'Theme',
  'PlaybackSpeed',
  'Height',
  'Width',
  'Padding',
  'LoopOffset',
  'MarginFill',
  'Margin',
  'WindowBar',
  'WindowBarSize',
  'BorderRadius',
  'CursorBlink',
  'SubtitleFontSize',
  'SubtitleFontFamily',
  'SubtitleColor',
  'SubtitleBackground',
  'SubtitlePosition',
  'SubtitlePadding',
  'SubtitleBorderRadius',
]);

/**
 * VHS's keywords (its `token.Keywords`): a bare word that is none of these is a string, so
 * `Type glow`, `Require glow` and `Output demo.gif` need no quotes.
 */
export const KEYWORDS = new Set([
  ...HONOURED_SETTINGS,
  ...RENDER_SETTINGS,
  ...[
    'Set',
    'Sleep',
    'Type',
    'Ctrl',
    'Alt',
    'Shift',
    'Hide',
    'Show',
    'Pause',
    'Resume',
    'Require',
    'Output',
    'Wait',
    'Source',
    'Screenshot',
    'Copy',
    'Paste',
    'Env',
    'Subtitle',
  ],
  ...[
    'Enter',
    'Space',
    'Tab',
    'Backspace',
    'Delete',
    'Insert',
    'Escape',
    'Up',
    'Down',
    'Left',
    'Right',
    'Home',
    'End',
    'PageUp',
    'PageDown',
    'ScrollUp',
    'ScrollDown',
  ],
  ...['em', 'px', 'ms', 's', 'm', 'true', 'false'],
]);

/** VHS's defaults for `Wait`: 15 s, and a shell prompt ending the line. */
export const DEFAULT_WAIT_TIMEOUT_MS = 15_000;
export const DEFAULT_WAIT_PATTERN = />$/;

const UNIT_MS: Readonly<Record<string, number>> = { us: 0.001, ms: 1, s: 1_000, m: 60_000 };
const NUMBER = /^(?:\d+\.?\d*|\.\d+)$/;

/** A time unit word that may follow a number (`500ms`, `2s`, `1m`; `us` too). */
export const isTimeUnit = (word: string): boolean => word in UNIT_MS;

/**
 * A VHS time in milliseconds: a number and an optional unit; a bare number is seconds, as in
 * VHS (`Sleep .5` is half a second). Null when the number is not one (`1.2.3`).
 */
export function timeMs(number: string, unit: string | undefined): number | null {
  if (!NUMBER.test(number)) return null;
  return Number(number) * UNIT_MS[unit ?? 's']!;
}

/** A `Wait`/`WaitPattern` regular expression, or the reason it is not one. */
export function compilePattern(source: string): RegExp | string {
  try {
    return new RegExp(source);
  } catch (error) {
    return (error as Error).message.replace(/^Invalid regular expression: /, '');
  }
}
