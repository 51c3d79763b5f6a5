import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, parseTasks, type EmulatedStrategy, type EmulatorParams, type Trace } from '../../src/engine/index.js';
import { DashboardEmulator } from '../../src/ui/emulation.js';

const input = (tasks: string) => ({ workload: 'tasks', tasks: parseTasks(tasks), notes: [] });
/** What a fresh dashboard emulator makes of `tasks` (nothing kept from an earlier call). */
const emulateOrKeep = (tasks: ReturnType<typeof input>, strategies: EmulatedStrategy[], params: EmulatorParams, previous: Trace | null) =>
  new DashboardEmulator(() => ({ input: tasks })).emulate('tasks', strategies, params, previous);

describe('the dashboard emulator, on its own thread', () => {
  it('emulates what the emulator accepts', () => {
    const result = emulateOrKeep(input('5ms,5ms'), ['sequential'], DEFAULT_PARAMS, null);
    expect(result.refusal).toBeNull();
    expect(result.trace.runs[0]!.elapsedUs).toBe(10_050);
  });

  it('keeps the previous picture when a key asks for too much, and says why', () => {
    const previous = emulateOrKeep(input('5ms'), ['sequential'], DEFAULT_PARAMS, null).trace;
    const refused = emulateOrKeep(input('3600s'), ['sequential'], { ...DEFAULT_PARAMS, quantumUs: 1 }, previous);
    expect(refused.trace).toBe(previous);
    expect(refused.refusal).toMatch(/^Not emulated: emulating sequential could need up to 3,600 M scheduling wake-ups/);
  });

  it('without a previous picture, draws an empty one rather than crashing', () => {
    const refused = emulateOrKeep(input('3600s'), ['sequential'], { ...DEFAULT_PARAMS, quantumUs: 1 }, null);
    expect(refused.trace.runs).toEqual([]);
    expect(refused.refusal).not.toBeNull();
  });
});
