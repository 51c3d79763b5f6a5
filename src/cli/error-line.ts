/**
 * The one line an error becomes on stderr: `concur-tui: MESSAGE`. Messages quote what the user
 * typed, which may hold newlines or escape sequences; those become spaces, so the message stays
 * one line and cannot drive the terminal.
 */
export function errorLine(message: string): string {
  // C0 controls (newline, tab, escape…), DEL and the C1 range.
  return `concur-tui: ${message.replace(/[\u0000-\u001F\u007F-\u009F]+/g, ' ').replace(/ {2,}/g, ' ').trim()}`;
}
