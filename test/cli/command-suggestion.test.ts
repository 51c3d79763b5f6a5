import { describe, expect, it } from 'vitest';
import { closestCommand, unknownCommandMessage } from '../../src/cli/command-suggestion.js';

const COMMANDS = ['dashboard', 'emulate', 'run', 'demo', 'calibrate', 'scenarios', 'completion', 'help'];

describe('closestCommand', () => {
  it.each([
    ['emulat', 'emulate'], // a letter short
    ['emulatee', 'emulate'], // a letter long
    ['emualte', 'emulate'], // two letters swapped
    ['senarios', 'scenarios'],
    ['calibrat', 'calibrate'],
    ['rn', 'run'],
    ['Emulate', 'emulate'], // case
    ['dash', 'dashboard'], // a prefix of one command
    ['comp', 'completion'],
    ['de', 'demo'], // dashboard starts da-
  ])('%s → %s', (typed, meant) => {
    expect(closestCommand(typed, COMMANDS)).toBe(meant);
  });

  it.each(['xyz', 'count', 'd', 'deploy', 'runner-up'])('%s is close to no command', (typed) => {
    expect(closestCommand(typed, COMMANDS)).toBeUndefined();
  });
});

describe('unknownCommandMessage', () => {
  it('names the likely command, or lists them all', () => {
    expect(unknownCommandMessage('emulat', COMMANDS)).toBe("unknown command 'emulat': did you mean 'emulate'?");
    expect(unknownCommandMessage('xyz', ['run', 'demo'])).toBe("unknown command 'xyz' (commands: run, demo)");
  });
});
