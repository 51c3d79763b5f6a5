/** Most characters of a typed value an error message echoes: enough to recognise it. */
export const MAX_QUOTED = 60;

/**
 * A value the user typed, as every error message quotes it: `'4mss'`. A longer value (a pasted
 * file, a runaway `$(…)`) is cut with an ellipsis, so the message stays one readable line.
 * Control characters are escaped as in `quoteName`, so the quote can never drive the terminal.
 */
export function quote(text: string): string {
  const chars = Array.from(text);
  const shown = chars.length <= MAX_QUOTED ? text : `${chars.slice(0, MAX_QUOTED - 1).join('')}…`;
  return `'${escapeControls(shown)}'`;
}

// C0 controls (newline, tab, escape…), DEL and the C1 range: bytes a terminal acts on.
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const CONTROLS = /[\u0000-\u001F\u007F-\u009F"\\]/g;
const NAMED: Readonly<Record<string, string>> = {
  '\n': '\\n',
  '\t': '\\t',
  '\r': '\\r',
  '\b': '\\b',
  '\f': '\\f',
  '\v': '\\v',
  '\u0007': '\\a',
  '"': '\\"',
  '\\': '\\\\',
};

function escapeControls(text: string): string {
  return text.replace(CONTROLS, (char) => NAMED[char] ?? `\\${char.charCodeAt(0).toString(8).padStart(3, '0')}`);
}

/**
 * A file name as every message echoes it (success lines, errors, notices), quoted the way git
 * quotes odd paths: a plain name stays as it is; one holding a control character (or a `"` or
 * `\` next to one) is put in double quotes with C escapes (`"a\033[31mred\nx.json"`), so a
 * name can never colour, clear or retitle the user's terminal, nor break the message's line.
 */
export function quoteName(name: string): string {
  return CONTROL.test(name) ? `"${escapeControls(name)}"` : name;
}
