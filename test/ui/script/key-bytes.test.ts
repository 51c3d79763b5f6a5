import { describe, expect, it } from 'vitest';
// Ink's own decoder, by file: the package exports only its public API.
import parseKeypress, { nonAlphanumericKeys } from '../../../node_modules/ink/build/parse-keypress.js';
import { KEY_COMMANDS, altChord, ctrlChord, shiftChord } from '../../../src/export/tape-keys.js';
import { decodeKey } from '../../../src/ui/script/key-bytes.js';

/** What Ink 6.8's useInput hands the dashboard for these bytes (hooks/use-input.js, legacy protocol). */
function inkInput(bytes: string) {
  const k = parseKeypress(bytes);
  let input: string = k.ctrl ? k.name : k.sequence;
  if (nonAlphanumericKeys.includes(k.name)) input = '';
  if (input.startsWith('\u001B')) input = input.slice(1);
  return {
    input,
    upArrow: k.name === 'up',
    downArrow: k.name === 'down',
    leftArrow: k.name === 'left',
    rightArrow: k.name === 'right',
    pageUp: k.name === 'pageup',
    pageDown: k.name === 'pagedown',
    home: k.name === 'home',
    end: k.name === 'end',
    return: k.name === 'return',
    tab: k.name === 'tab',
    delete: k.name === 'delete',
    ctrl: k.ctrl,
    shift: k.shift || /^[A-Z]$/.test(input),
    meta: k.meta || k.name === 'escape' || k.option,
  };
}

function ours(bytes: string): ReturnType<typeof inkInput> {
  const { input, key } = decodeKey(bytes);
  const { upArrow, downArrow, leftArrow, rightArrow, pageUp, pageDown, home, end, tab, ctrl, shift, meta } = key;
  return { input, upArrow, downArrow, leftArrow, rightArrow, pageUp, pageDown, home, end, return: key.return, tab, delete: key.delete, ctrl, shift, meta };
}

const none = new Set<'Alt' | 'Shift'>();
/** Bytes of keys a tape can press, where Ink and our decoder are meant to agree. */
const TAPE_KEYS = [
  ...Object.entries(KEY_COMMANDS)
    // Ink reads DEL (Backspace) as delete and a lone Escape as meta+escape; the dashboard binds neither.
    .filter(([name]) => name !== 'Backspace' && name !== 'Escape')
    .map(([, bytes]) => bytes),
  ...['a', 'c', 'l', 'z'].map((letter) => ctrlChord(none, letter)),
  ...['Left', 'Right', 'Up', 'Down'].flatMap((arrow) => [
    ctrlChord(none, arrow),
    ctrlChord(new Set(['Shift']), arrow),
    ctrlChord(new Set(['Alt', 'Shift']), arrow),
  ]),
  ...altChord('xA1'),
  ...altChord('Enter'),
  ...shiftChord('Tab'),
  ...shiftChord('a'),
  '+',
  '[',
  '?',
];

describe('decodeKey reads the keys of a tape as Ink reads them live', () => {
  it.each(TAPE_KEYS.map((bytes) => [JSON.stringify(bytes), bytes]))('%s', (_shown, bytes) => {
    expect(ours(bytes)).toEqual(inkInput(bytes));
  });
});
