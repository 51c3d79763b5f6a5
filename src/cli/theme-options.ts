import type { Options } from 'yargs';

/**
 * The flags that choose how the picture looks (dashboard, lesson, demo). Apart from their
 * parsing (theme-flags.ts), so that registering a command for `--help` loads nothing of the UI.
 */
export const THEME_OPTIONS = {
  ascii: { type: 'boolean', describe: 'ASCII glyphs only (no Unicode blocks)' },
  theme: {
    type: 'string',
    requiresArg: true,
    describe: "the terminal's background, which the colours must read on: dark or light (a projector's is often light)",
    defaultDescription: 'dark, or light where COLORFGBG says so',
  },
} as const satisfies Record<string, Options>;

export interface ThemeFlags {
  ascii?: boolean | undefined;
  theme?: string | undefined;
}
