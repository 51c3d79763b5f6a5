import { BACKGROUNDS, type Background } from '../ui/palette.js';
import { themeFromEnvironment, type Theme } from '../ui/theme.js';
import type { ThemeFlags } from './theme-options.js';
import { parseChoice } from './values.js';

/** The background `--theme` names, if given. */
export function backgroundFlag(flags: ThemeFlags): Background | undefined {
  return flags.theme === undefined ? undefined : parseChoice(flags.theme, 'theme', BACKGROUNDS);
}

/** A terminal's look: colour unless NO_COLOR (or TERM=dumb), its depth from TERM/COLORTERM, Unicode unless --ascii. */
export function terminalTheme(flags: ThemeFlags): Theme {
  return themeFromEnvironment(process.env, { ascii: flags.ascii, isTTY: true, background: backgroundFlag(flags) });
}

/**
 * The look of a reproducible cast: colour and Unicode unless NO_COLOR or --ascii say otherwise,
 * xterm's 256 colours (what players and terminals replaying it show), the background of
 * `--theme` — never LANG, TERM or COLORFGBG, so the same command makes the same cast anywhere.
 */
export function castTheme(flags: ThemeFlags): Theme {
  return { color: !process.env.NO_COLOR, unicode: !flags.ascii, depth: 256, background: backgroundFlag(flags) ?? 'dark' };
}
