import type { Key } from 'ink';
import { GIL_MODES, POLICIES, REAL_RUNTIMES, type ParamName } from '../../engine/index.js';
import type { View } from './model.js';
import type { Msg } from './update.js';
import type { TimelineMove } from './view-window.js';

/** What a key does, for dispatch, the footer and the help overlay. */
export interface KeyBinding {
  /** How the key is shown, e.g. `←/→`. */
  keys: string;
  /** What it does, in a word or two (the footer). */
  action: string;
  /** What it does, for the help overlay (≤ 30 columns: two columns fit 80). */
  help: string;
  /**
   * Its place in the footer's priorities: when not every key fits, the footer keeps those of the
   * lowest rank (help and quit first); help always lists them all.
   */
  footer: number;
  /** Shown in the footer in this view only (a key that does something only there), where it ranks first after help and quit. */
  footerView?: View;
  /** The parameters the key steps, and the keys for less and more (a refusal names them). */
  steps?: { params: readonly ParamName[]; less: string; more: string };
  /** The message for this input, or undefined when the binding does not match. */
  match: (input: string, key: Key) => Msg | KeyCommand | undefined;
}

/**
 * Keys that act beyond the model alone: quitting, starting real runs, writing an export,
 * moving on the timeline (zoom, pan, steps: bounded by the runs' ends, which the program
 * derives), and selecting a lane (among those the view shows, which the program derives too).
 */
export type KeyCommand = 'quit' | 'rerun' | 'export' | TimelineMove | 'previous-lane' | 'next-lane';

const is = (chars: string) => (input: string) => chars.includes(input) && input !== '';

export const KEYMAP: readonly KeyBinding[] = [
  {
    keys: '←→',
    action: 'slice',
    help: 'OS time slice − / +',
    footer: 3,
    steps: { params: ['quantum'], less: '←', more: '→' },
    match: (input, key) =>
      key.leftArrow || is('-_')(input) ? { type: 'quantum', direction: -1 } : key.rightArrow || is('+=')(input) ? { type: 'quantum', direction: 1 } : undefined,
  },
  {
    keys: '[]',
    action: 'interval',
    help: 'GIL switch interval − / +',
    footer: 4,
    steps: { params: ['switch-interval'], less: '[', more: ']' },
    match: (input) => (input === '[' ? { type: 'switch-interval', direction: -1 } : input === ']' ? { type: 'switch-interval', direction: 1 } : undefined),
  },
  { keys: 'g', action: 'GIL', help: `GIL: ${GIL_MODES.join(' → ')}`, footer: 3, match: (input) => (input === 'g' ? { type: 'cycle-gil' } : undefined) },
  { keys: 'i', action: 'preset', help: 'interpreter presets', footer: 6, match: (input) => (input === 'i' ? { type: 'cycle-interpreter' } : undefined) },
  {
    keys: 'c/C',
    action: 'cores',
    help: 'cores − / +',
    footer: 3,
    steps: { params: ['cores', 'workers'], less: 'c', more: 'C' },
    match: (input) => (input === 'c' ? { type: 'cores', direction: -1 } : input === 'C' ? { type: 'cores', direction: 1 } : undefined),
  },
  {
    keys: 'p',
    action: 'policy',
    help: `OS policy: ${POLICIES.join(' → ')}`,
    footer: 6,
    match: (input) => (input === 'p' ? { type: 'cycle-policy' } : undefined),
  },
  {
    keys: '1-7',
    action: 'scenario',
    help: 'scenario (see `scenarios`)',
    footer: 5,
    match: (input) => (/^[1-7]$/.test(input) ? { type: 'scenario', index: Number(input) - 1 } : undefined),
  },
  { keys: 'Space', action: 'pause', help: 'pause / resume playback', footer: 2, match: (input) => (input === ' ' ? { type: 'toggle-pause' } : undefined) },
  { keys: '0', action: 'replay', help: 'replay from the start', footer: 7, match: (input) => (input === '0' ? { type: 'restart' } : undefined) },
  {
    keys: ',.',
    action: 'step',
    help: 'step back / on (pauses)',
    footer: 7,
    match: (input) => (input === '.' ? 'step-forward' : input === ',' ? 'step-back' : undefined),
  },
  {
    keys: 'z/Z w',
    action: 'zoom',
    help: 'zoom in/out at ▲, w: whole',
    footer: 2,
    match: (input) => (input === 'z' ? 'zoom-in' : input === 'Z' ? 'zoom-out' : input === 'w' ? 'whole-run' : undefined),
  },
  {
    keys: '<>',
    action: 'pan',
    help: 'pan the zoomed window',
    footer: 4,
    match: (input) => (input === '<' ? 'pan-left' : input === '>' ? 'pan-right' : undefined),
  },
  { keys: 'r', action: 'real', help: 're-run the real strategies', footer: 2, match: (input) => (input === 'r' ? 'rerun' : undefined) },
  {
    keys: 'R',
    action: 'runtime',
    help: `real runs on ${REAL_RUNTIMES.join(' / ')}`,
    footer: 7,
    match: (input) => (input === 'R' ? { type: 'cycle-runtime' } : undefined),
  },
  {
    keys: 'n',
    action: 'repeat',
    help: 'real runs each: 1 → 3 → 5',
    footer: 7,
    match: (input) => (input === 'n' ? { type: 'cycle-repeat' } : undefined),
  },
  { keys: 'e', action: 'export', help: 'export the trace (--export)', footer: 5, match: (input) => (input === 'e' ? 'export' : undefined) },
  {
    keys: '↑↓',
    action: 'lane',
    help: 'select a lane: its figures',
    footer: 7,
    match: (_input, key) => (key.upArrow ? 'previous-lane' : key.downArrow ? 'next-lane' : undefined),
  },
  {
    keys: 'a',
    action: 'axes',
    help: 'side by side: one axis / own',
    footer: 1,
    footerView: 'side-by-side',
    match: (input) => (input === 'a' ? { type: 'toggle-axis' } : undefined),
  },
  { keys: 'Tab', action: 'view', help: 'view: emu/real/both/core/tasks', footer: 2, match: (_input, key) => (key.tab ? { type: 'next-view' } : undefined) },
  { keys: '?', action: 'help', help: 'this help (Esc or q closes it)', footer: 0, match: (input) => (input === '?' ? { type: 'toggle-help' } : undefined) },
  { keys: 'q', action: 'quit', help: 'quit (also Ctrl-C)', footer: 0, match: (input) => (input === 'q' ? 'quit' : undefined) },
];

/** Keys while the help is open: it closes on Esc, `q` or `?`, and pages with ↑/↓ (PgUp/PgDn) when it does not fit. */
export function helpKeyToAction(input: string, key: Key): Msg | undefined {
  if (key.escape || input === 'q' || input === '?') return { type: 'close-help' };
  if (key.upArrow || key.pageUp) return { type: 'help-page', direction: -1 };
  if (key.downArrow || key.pageDown) return { type: 'help-page', direction: 1 };
  return undefined;
}

/**
 * The first binding that matches the input. Ctrl-C arrives as `c` with `key.ctrl`: it quits, and
 * no other Ctrl combination may fall through to a letter's binding (`c` is "one core fewer").
 */
export function keyToAction(input: string, key: Key): Msg | KeyCommand | undefined {
  if (key.ctrl) return input === 'c' ? 'quit' : undefined;
  for (const binding of KEYMAP) {
    const action = binding.match(input, key);
    if (action !== undefined) return action;
  }
  return undefined;
}
