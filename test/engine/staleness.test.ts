import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '../../src/engine/emulator/params.js';
import type { PythonSetup } from '../../src/engine/python/python-setup.js';
import { realSetup } from '../../src/engine/real/real-setup.js';
import type { RealStrategy } from '../../src/engine/real/strategy-context.js';
import type { EmulatedStrategy } from '../../src/engine/emulator/params.js';
import type { NodeRun, PythonRun } from '../../src/engine/runs.js';
import { staleness, type RealQuestion } from '../../src/engine/staleness.js';

const figures = {
  source: 'real' as const,
  elapsedUs: 1_000_000,
  cpuUtilization: 0.5,
  contextSwitches: 0,
  gilHandoffs: 0,
  speedupVsSequential: null,
  cores: 2,
  tasks: [],
  lanes: [],
  spans: [],
  instants: [],
};

/** A Node run made as `realSetup` records it: `gil` on the session, 5 ms interval, 2 threads, 2 processes. */
function nodeRun(strategy: RealStrategy, gil: 'none' | 'new', coresAsked: number | null = null): NodeRun {
  const setup = { ...realSetup({ strategy, workers: 2, threads: 2, procs: 2, gil, switchIntervalUs: 5_000 }, 2), coresAsked };
  return { ...figures, strategy, setup };
}

function pythonRun(strategy: EmulatedStrategy, setup: Partial<PythonSetup> = {}): PythonRun {
  const base: PythonSetup = {
    runtime: 'python',
    interpreter: 'CPython 3.11.7, GIL',
    path: 'python3',
    gil: true,
    switchIntervalUs: 5_000,
    coresGranted: 2,
    coresAsked: null,
  };
  return { ...figures, strategy, setup: { ...base, ...setup } };
}

const asked = (params: Partial<RealQuestion['params']> = {}, runtime: RealQuestion['runtime'] = 'node'): RealQuestion => ({
  params: { ...DEFAULT_PARAMS, ...params },
  runtime,
});

describe('staleness', () => {
  it('is empty while the run answers what the parameters ask', () => {
    expect(staleness(nodeRun('threads', 'new'), asked({ gil: 'new' }))).toEqual([]);
    // The old GIL's real twin is the same lock as the new one's.
    expect(staleness(nodeRun('threads', 'new'), asked({ gil: 'old' }))).toEqual([]);
  });

  it('names a GIL change in the emulator’s words, only where worker threads share the lock', () => {
    expect(staleness(nodeRun('threads', 'none'), asked({ gil: 'new' }))).toEqual(['GIL none→new']);
    expect(staleness(nodeRun('threads', 'new'), asked({ gil: 'none' }))).toEqual(['GIL new→none']);
    for (const strategy of ['sequential', 'async', 'processes'] as const) expect(staleness(nodeRun(strategy, 'none'), asked({ gil: 'new' }))).toEqual([]);
  });

  it('names a switch interval the lock no longer has', () => {
    expect(staleness(nodeRun('threads', 'new'), asked({ gil: 'new', switchIntervalUs: 10_000 }))).toEqual(['switch interval 5ms→10ms']);
    expect(staleness(nodeRun('threads', 'none'), asked({ gil: 'none', switchIntervalUs: 10_000 }))).toEqual([]);
  });

  it('compares cores only for a run limited to some: an unlimited run had the whole machine', () => {
    expect(staleness(nodeRun('sequential', 'new', 2), asked({ cores: 1 }))).toEqual(['cores 2→1']);
    expect(staleness(nodeRun('sequential', 'new', 1), asked({ cores: 1 }))).toEqual([]);
    expect(staleness(nodeRun('sequential', 'new', null), asked({ cores: 1 }))).toEqual([]);
  });

  it('names a pool size the twin no longer has, but not an override of it (--threads)', () => {
    expect(staleness(nodeRun('thread-pool', 'none'), asked({ gil: 'none', workers: 1 }))).toEqual(['workers 2→1']);
    const overridden = nodeRun('thread-pool', 'none');
    overridden.setup = { ...overridden.setup, threads: 4, twinWorkers: 2 };
    expect(staleness(overridden, asked({ gil: 'none', workers: 2 }))).toEqual([]);
    expect(staleness(nodeRun('threads', 'none'), asked({ gil: 'none', workers: 1 }))).toEqual([]);
  });

  it('names the runtime the dashboard has switched to', () => {
    expect(staleness(nodeRun('sequential', 'new'), asked({}, 'python'))).toEqual(['runtime node→python']);
  });

  it('on Python: the interval handed to the interpreter and the size of a pool, never the GIL it has', () => {
    expect(staleness(pythonRun('threads'), asked({ gil: 'none' }, 'python'))).toEqual([]);
    expect(staleness(pythonRun('threads'), asked({ switchIntervalUs: 1_000 }, 'python'))).toEqual(['switch interval 5ms→1ms']);
    expect(staleness(pythonRun('thread-pool', { workers: 2 }), asked({ workers: 1 }, 'python'))).toEqual(['workers 2→1']);
    expect(staleness(pythonRun('sequential', { switchIntervalUs: undefined, gil: false }), asked({ switchIntervalUs: 1_000 }, 'python'))).toEqual([]);
  });
});
