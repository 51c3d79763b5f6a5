import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, NO_LAYERS, describeRefusal, parseTasks, type BudgetRefusal } from '../../src/engine/index.js';
import { DashboardEmulator } from '../../src/ui/emulation.js';
import { KEY_WORDS } from '../../src/ui/refusal-words.js';

describe('the dashboard words a refusal with keys', () => {
  it('names the key that changes a parameter, and the flag only when no key does', () => {
    const refusal: BudgetRefusal = {
      strategy: 'processes',
      wakeups: 12_000_000,
      limit: 10_000_000,
      remedies: [
        { type: 'param', param: 'spawn-cost', direction: 'less' },
        { type: 'param', param: 'workers', direction: 'less' },
        { type: 'param', param: 'switch-interval', direction: 'more' },
        { type: 'param', param: 'quantum', direction: 'more' },
      ],
    };
    expect(describeRefusal(refusal, KEY_WORDS)).toBe(
      'emulating processes could need up to 12 M scheduling wake-ups (the limit is 10 M): ' +
        'use a shorter spawn cost (--spawn-cost), fewer workers (c), a longer switch interval (]), or a longer time slice (→)',
    );
  });

  it('after a key asked for too short a slice, the caption says which key undoes it', () => {
    const input = { workload: 'tasks', tasks: parseTasks('3600s'), notes: [] };
    const refused = new DashboardEmulator(() => ({ input })).emulate('tasks', ['sequential'], { ...DEFAULT_PARAMS, quantumUs: 1 }, null);
    expect(refused.refusal).toMatch(
      /^Not emulated: emulating sequential could need up to 3,600 M .*: use fewer or shorter tasks, or a longer time slice \(→\)$/,
    );
    expect(refused.refusal).not.toMatch(/--quantum/);
    expect(NO_LAYERS.keys).toEqual({});
  });
});
