import { vi } from 'vitest';
import { NO_LAYERS, SCENARIOS, TUTORIAL_CALIBRATION, scenarioTasks } from '../../../src/engine/index.js';
import { decodeKey } from '../../../src/ui/script/key-bytes.js';
import { initialModel, type Model } from '../../../src/ui/state/model.js';

/** Each scenario's tasks, as the CLI resolves them without flags (its machine is a layer of the model); counts its calls. */
export const scenarioSetup = () =>
  vi.fn((name: string) => {
    const scenario = SCENARIOS.find((s) => s.name === name)!;
    return { input: { workload: name, tasks: scenarioTasks(scenario, TUTORIAL_CALIBRATION), notes: [] } };
  });

export const countModel = (): Model => initialModel({ scenario: 'count', layers: NO_LAYERS, strategies: ['sequential', 'threads'], speed: 1 });

/** The event of one key press, from the bytes a terminal sends for it. */
export const key = (bytes: string) => ({ type: 'key' as const, ...decodeKey(bytes) });
