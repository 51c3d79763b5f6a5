import { describe, expect, it } from 'vitest';
import { parseHarnessEvent } from '../../../src/engine/python/harness-events.js';

const line = (fields: Record<string, unknown>) => JSON.stringify({ lane: 0, pid: 10, tid: 11, ns: 5_000, ...fields });

describe('parseHarnessEvent', () => {
  it('reads each event the harness sends', () => {
    expect(parseHarnessEvent(line({ ev: 'phase', kind: 'io', us: 2_000 }))).toEqual({
      lane: 0,
      pid: 10,
      tid: 11,
      ns: 5_000n,
      ev: 'phase',
      kind: 'io',
      plannedUs: 2_000,
    });
    expect(parseHarnessEvent(line({ ev: 'begin', lane: -1, tid: null }))).toEqual({ lane: -1, pid: 10, tid: null, ns: 5_000n, ev: 'begin' });
    expect(parseHarnessEvent(line({ ev: 'exit', code: 3 }))).toMatchObject({ ev: 'exit', code: 3 });
  });
  it('refuses a line it cannot read, loudly: the harness is ours', () => {
    expect(() => parseHarnessEvent(line({ ev: 'teleport' }))).toThrow('harness: unknown event "teleport"');
    expect(() => parseHarnessEvent(line({ ev: 'phase', kind: 'nap' }))).toThrow('harness: unknown phase kind "nap"');
    expect(() => parseHarnessEvent(line({ ev: 'done', ns: 1.5 }))).toThrow('harness: ns is not an integer: 1.5');
  });
});
