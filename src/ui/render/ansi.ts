/** Minimal SGR helpers: rows are pre-built strings, so colour runs are written by hand. */
export const RESET = '\u001B[0m';

export function sgr(...codes: number[]): string {
  return `\u001B[${codes.join(';')}m`;
}

/** Wraps text in a colour when colour is on. */
export function paint(text: string, color: number | undefined, enabled: boolean): string {
  return enabled && color !== undefined && text !== '' ? `${sgr(color)}${text}${RESET}` : text;
}

export function bold(text: string, enabled: boolean): string {
  return enabled ? `${sgr(1)}${text}${RESET}` : text;
}

export function dim(text: string, enabled: boolean): string {
  return enabled ? `${sgr(2)}${text}${RESET}` : text;
}
