import { describe, expect, it } from 'vitest';
import { opensLiveDashboard } from '../../src/cli/early-emulation.js';

describe('the emulation process starts before the parse only for the live dashboard (issue 15: start-up)', () => {
  it('the dashboard with or without its name and flags', () => {
    for (const line of ['', 'dashboard', '--scenario sleep', 'dashboard --cores 4 --record x.cast', '--real --strategy all'])
      expect(opensLiveDashboard(line.split(' ').filter(Boolean)), line).toBe(true);
  });

  it('not another command, a help, the version, a tape or completions', () => {
    for (const line of [
      'emulate --scenario count',
      'run',
      'help',
      '--help',
      'dashboard -h',
      '--version',
      '-v',
      '--script demo.tape',
      '--script=demo.tape',
      '--get-yargs-completions',
      'scenarios',
    ])
      expect(opensLiveDashboard(line.split(' ')), line).toBe(false);
  });
});
