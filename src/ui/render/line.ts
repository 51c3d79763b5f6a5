import { PLAIN, type Style } from './style.js';

/** A piece of text drawn in one style (ratatui's `Span`). */
export interface Segment {
  text: string;
  style: Style;
}

/**
 * One row of a view, as styled text (ratatui's `Line`): views return lines, the layout stacks
 * them into the frame's cell buffer, which clips them at its edge. No escape codes anywhere.
 */
export type Line = readonly Segment[];

export const plain = (text: string): Line => [{ text, style: PLAIN }];

export const styled = (text: string, style: Style): Line => [{ text, style }];

/** The text of a line, without its styles (what tests and layout decisions read). */
export function lineText(line: Line): string {
  return line.length === 1 ? line[0]!.text : line.map((segment) => segment.text).join('');
}

/** Two lists of lines that draw the same cells. */
export function sameLines(a: readonly Line[], b: readonly Line[]): boolean {
  return a.length === b.length && a.every((line, i) => sameLine(line, b[i]!));
}

/** Two lines that draw the same cells: the same segments (the same object, at best). */
export function sameLine(a: Line, b: Line): boolean {
  return a === b || (a.length === b.length && a.every((segment, i) => segment.text === b[i]!.text && segment.style === b[i]!.style));
}

/** Adds text to a line being built: to its last segment when the style is the same (one run). */
export function pushSegment(segments: Segment[], text: string, style: Style): void {
  // Styles are compared with styles only (never with undefined): V8 compiles this early, with numbers seen, and drops it when a lane's first cell meets an empty list.
  const last = segments.length > 0 ? segments[segments.length - 1]! : null;
  if (last !== null && last.style === style) last.text += text;
  else segments.push({ text, style });
}
