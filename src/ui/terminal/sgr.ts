import { PLAIN, colourSgr, partsOf, sgrParameters, type Style } from '../render/style.js';

/**
 * The shortest SGR sequence that turns the terminal's style `from` into `to`: only the colours
 * that change (39/49 back to the default), or a reset first when an attribute must go (SGR has
 * no single code that ends bold without ending dim too). `from` undefined: the terminal's style
 * is not known, so the sequence starts with a reset.
 */
export function sgrTransition(from: Style | undefined, to: Style): string {
  if (from === to) return '';
  const key = (from === undefined ? 0 : from + 1) * 0x10000 + to;
  let sequence = known.get(key);
  if (sequence === undefined) known.set(key, (sequence = transition(from, to)));
  return sequence;
}

/**
 * The sequences worked out, by pair of styles: a style, once interned, never changes, and the
 * diff asks for a pair at each changed cell (and for the cells it rewrites rather than move over).
 */
const known = new Map<number, string>();

function transition(from: Style | undefined, to: Style): string {
  if (to === PLAIN) return '\u001B[0m';
  if (from === undefined) return `\u001B[0;${sgrParameters(to)}m`;
  const before = partsOf(from);
  const after = partsOf(to);
  if ((before.bold && !after.bold) || (before.dim && !after.dim)) return `\u001B[0;${sgrParameters(to)}m`;
  const codes: string[] = [];
  if (after.bold && !before.bold) codes.push('1');
  if (after.dim && !before.dim) codes.push('2');
  if (after.fg !== before.fg) codes.push(colourSgr(after.fg, 'fg'));
  if (after.bg !== before.bg) codes.push(colourSgr(after.bg, 'bg'));
  return `\u001B[${codes.join(';')}m`;
}
