// The scenarios' own module, not the engine's index: listing them loads no emulator.
import { SCENARIOS } from '../../engine/scenario.js';
import { alignColumns } from '../align-columns.js';

/** The shape of `scenarios --json`: raised when a field changes meaning or goes away. */
export const SCENARIOS_SCHEMA_VERSION = 1;

/** The built-in scenarios as a JSON document: what each runs (its tasks) and on what machine. */
export function scenariosDocument() {
  return {
    schemaVersion: SCENARIOS_SCHEMA_VERSION,
    scenarios: SCENARIOS.map(({ name, summary, tasks, machine, realScale }) => ({ name, summary, tasks, machine, realScale: realScale ?? 1 })),
  };
}

/** `concur-tui scenarios`: the list, or the JSON document. */
export function listScenarios(flags: { json?: boolean | undefined }): void {
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(scenariosDocument())}\n`);
    return;
  }
  const rows = SCENARIOS.map((scenario) => [scenario.name, scenario.summary]);
  process.stdout.write(`${alignColumns(['scenario', 'what it shows'], rows, new Set()).join('\n')}\n`);
}
