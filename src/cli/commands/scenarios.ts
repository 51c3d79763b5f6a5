import type { Argv } from 'yargs';
import { SCENARIOS } from '../../engine/index.js';
import { alignColumns } from '../text-table.js';

export function scenariosCommand(yargs: Argv): Argv {
  return yargs.command('scenarios', 'list the built-in scenarios', {}, () => {
    const rows = SCENARIOS.map((scenario) => [scenario.name, scenario.summary]);
    process.stdout.write(`${alignColumns(['scenario', 'what it shows'], rows, new Set()).join('\n')}\n`);
  });
}
