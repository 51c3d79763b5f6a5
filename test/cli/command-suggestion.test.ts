import { describe, expect, it } from 'vitest';
import { closestCommand, unknownCommandMessage, withFlagSuggestion } from '../../src/cli/command-suggestion.js';

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

describe('withFlagSuggestion', () => {
  const FLAGS = ['help', 'h', 'version', 'v', 'strategy', 'scenario', 'switch-interval', 'json'];

  it('adds the likely flag to yargs words for a mistyped long flag', () => {
    expect(withFlagSuggestion('Unknown argument: stratgy', ['--stratgy', 'all'], FLAGS)).toBe('Unknown argument: stratgy: did you mean --strategy?');
    expect(withFlagSuggestion('Unknown argument: switch-intervl', ['--switch-intervl=1ms'], FLAGS)).toBe(
      'Unknown argument: switch-intervl: did you mean --switch-interval?',
    );
    expect(withFlagSuggestion('Unknown argument: jsn', ['--jsn'], FLAGS)).toBe('Unknown argument: jsn: did you mean --json?');
  });

  it('says which flag each of several typos meant, and passes over those close to nothing', () => {
    expect(withFlagSuggestion('Unknown arguments: stratgy, frob', ['--stratgy', 'x', '--frob'], FLAGS)).toBe(
      'Unknown arguments: stratgy, frob: did you mean --strategy for stratgy?',
    );
  });

  it('keeps the message of a stray word, a one-letter flag, a far-off name and any other message', () => {
    expect(withFlagSuggestion('Unknown argument: jsn', ['jsn'], FLAGS)).toBe('Unknown argument: jsn');
    expect(withFlagSuggestion('Unknown argument: s', ['-s'], FLAGS)).toBe('Unknown argument: s');
    expect(withFlagSuggestion('Unknown argument: frobnicate', ['--frobnicate'], FLAGS)).toBe('Unknown argument: frobnicate');
    expect(withFlagSuggestion('Not enough arguments following: cores', ['--cores'], FLAGS)).toBe('Not enough arguments following: cores');
  });
});
