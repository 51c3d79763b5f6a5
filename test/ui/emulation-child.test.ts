import { existsSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PARAMS,
  EMULATED_STRATEGIES,
  SCENARIOS,
  TUTORIAL_CALIBRATION,
  emulateRun,
  parseTasks,
  scenarioTasks,
  type EmulatedRun,
  type TaskSpec,
} from '../../src/engine/index.js';
import { EmulationChild, type RunRequest } from '../../src/ui/emulation-child.js';
import { spawnEmulationProcess } from '../../src/ui/emulation-process.js';

/** Emulates `runs` in the child, resolving with each run or rejecting with its reason. */
function onChild(child: EmulationChild, tasks: readonly TaskSpec[], runs: RunRequest[]): Promise<Map<string, EmulatedRun>> {
  return new Promise((resolve, reject) => {
    const got = new Map<string, EmulatedRun>();
    child.start(tasks, runs, { onRun: (key, run) => got.set(key, run), onDone: () => resolve(got), onFailed: (message) => reject(new Error(message)) });
  });
}

describe('the emulation process', { timeout: 60_000 }, () => {
  it('gives the same trace bytes as emulating inline (every scenario and strategy; one process reused)', async () => {
    const child = new EmulationChild();
    try {
      for (const scenario of SCENARIOS) {
        const tasks = scenarioTasks(scenario, TUTORIAL_CALIBRATION);
        const params = { ...DEFAULT_PARAMS, ...scenario.machine };
        const runs = EMULATED_STRATEGIES.map((strategy) => ({ key: strategy, strategy, params }));
        const got = await onChild(child, tasks, runs);
        for (const strategy of EMULATED_STRATEGIES) {
          expect(JSON.stringify(got.get(strategy)), `${scenario.name} ${strategy}`).toBe(JSON.stringify(emulateRun(tasks, strategy, params).run));
        }
      }
    } finally {
      child.dispose();
    }
  });

  it('takes its first job to a process started ahead, which starts without NODE_EXTRA_CA_CERTS, and ends it on dispose', async () => {
    const saved = process.env.NODE_EXTRA_CA_CERTS;
    process.env.NODE_EXTRA_CA_CERTS = '/nonexistent/ca.pem';
    const spare = spawnEmulationProcess();
    if (saved === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
    else process.env.NODE_EXTRA_CA_CERTS = saved;
    // Read before anything else can end it: the process's environment as it was started.
    const environ = existsSync(`/proc/${spare.pid}/environ`) ? readFileSync(`/proc/${spare.pid}/environ`, 'latin1').split('\0') : null;
    const child = new EmulationChild(spare);
    try {
      if (environ !== null) expect(environ.filter((entry) => entry.startsWith('NODE_EXTRA_CA_CERTS='))).toEqual([]);
      const tasks = parseTasks('20ms,20ms');
      const params = { ...DEFAULT_PARAMS, cores: 1 };
      const got = await onChild(child, tasks, [{ key: 'threads', strategy: 'threads', params }]);
      expect(JSON.stringify(got.get('threads'))).toBe(JSON.stringify(emulateRun(tasks, 'threads', params).run));
      // The job ran in the spare: it is parked for the next one, alive, until the dashboard ends.
      expect(spare.exitCode).toBeNull();
      expect(spare.signalCode).toBeNull();
    } finally {
      child.dispose();
    }
    if (spare.exitCode === null && spare.signalCode === null) await once(spare, 'exit');
    expect(spare.signalCode).toBe('SIGKILL');
  });

  it('collects its garbage itself after a job rather than letting V8 wake it 8–16 s later (memory reducer off), and still answers the next job', async () => {
    const spare = spawnEmulationProcess();
    // Read before anything else can end it: the V8 flags the process was started with.
    const commandLine = existsSync(`/proc/${spare.pid}/cmdline`) ? readFileSync(`/proc/${spare.pid}/cmdline`, 'latin1').split('\0') : null;
    const child = new EmulationChild(spare);
    try {
      if (commandLine !== null) expect(commandLine).toEqual(expect.arrayContaining(['--no-memory-reducer', '--expose-gc']));
      const tasks = parseTasks('20ms,20ms');
      const params = { ...DEFAULT_PARAMS, cores: 1 };
      for (const strategy of ['threads', 'processes'] as const) {
        const got = await onChild(child, tasks, [{ key: strategy, strategy, params }]);
        expect(JSON.stringify(got.get(strategy))).toBe(JSON.stringify(emulateRun(tasks, strategy, params).run));
      }
      // Both jobs ran in the spare (a collection after the first did not end it).
      expect(spare.exitCode).toBeNull();
      expect(spare.signalCode).toBeNull();
    } finally {
      child.dispose();
    }
  });

  it('refuses a run of more spans than the dashboard draws, naming the limit', async () => {
    const child = new EmulationChild();
    try {
      const tasks = parseTasks('300ms,300ms');
      const run = onChild(child, tasks, [
        { key: 'k', strategy: 'threads', params: { ...DEFAULT_PARAMS, cores: 1, gil: 'none', quantumUs: 1, switchCostUs: 0 } },
      ]);
      await expect(run).rejects.toThrow(/^threads has 1,200,001 spans, more than the dashboard draws \(1,000,000\)/);
    } finally {
      child.dispose();
    }
  });
});
