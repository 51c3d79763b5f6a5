import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../src/engine/index.js';
import { runCli } from './run-cli.js';

// Real runs on a shared machine: the limits only end a run that hung (runCli calls must not overlap).
// An empty config dir: the tests must not depend on a calibration someone stored.
const env = { CONCUR_TUI_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'concur-affinity-')) };
const runJson = async (...args: string[]) => {
  const { code, stdout, stderr } = await runCli(['run', ...args, '--json'], env);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout) as { runs: JsonRun[]; notes: string[] };
};

interface JsonRun {
  strategy: string;
  setup: { coresAsked: number | null; coresGranted: number };
  spans: { lane: number; state: string; startUs: number; endUs: number }[];
  repeats?: { samplesUs: number[]; startsUs: number[]; medianUs: number; minUs: number; maxUs: number };
  elapsedUs: number;
}

/** Time during which two or more lanes were `running` at once. */
function overlappingRunUs(run: JsonRun): number {
  const running = run.spans.filter((span) => span.state === 'running').sort((a, b) => a.startUs - b.startUs);
  let overlap = 0;
  let coveredTo = Number.NEGATIVE_INFINITY;
  for (const span of running) {
    if (span.startUs < coveredTo) overlap += Math.min(coveredTo, span.endUs) - span.startUs;
    coveredTo = Math.max(coveredTo, span.endUs);
  }
  return overlap;
}

describe.each(['node', 'python'])('juggle on the %s runtime: the real run honours the scenario’s one core', { timeout: 120_000 }, (runtime) => {
  it('is granted one core (CPU affinity) and never runs two lanes at once', async () => {
    const trace = await runJson('--scenario', 'juggle', '--runtime', runtime);
    expect(trace.runs.length).toBeGreaterThanOrEqual(4);
    for (const run of trace.runs) {
      expect(run.setup).toMatchObject({ coresAsked: 1, coresGranted: 1 });
      expect(run.spans.some((span) => span.state === 'running')).toBe(true);
      expect(overlappingRunUs(run)).toBe(0);
    }
  });
});

describe('run --cores', { timeout: 120_000 }, () => {
  it('limits real runs to N cores; more than this process may use runs on all and says so', async () => {
    const one = await runJson('--tasks', '20ms,20ms', '--strategy', 'worker', '--cores', '1');
    expect(one.runs[0]!.setup).toMatchObject({ coresAsked: 1, coresGranted: 1 });
    expect(overlappingRunUs(one.runs[0]!)).toBe(0);
    const many = await runJson('--tasks', '20ms', '--strategy', 'sequential', '--cores', '1024');
    expect(many.runs[0]!.setup.coresAsked).toBe(1024);
    expect(many.runs[0]!.setup.coresGranted).toBeLessThan(1024);
    expect(many.notes).toContainEqual(expect.stringMatching(/^1024 cores asked, but this process may use only \d+: real runs use all \d+ cores$/));
  });

  it('refuses a core count outside the parameter’s range in one line', async () => {
    const { code, stderr } = await runCli(['run', '--tasks', '20ms', '--cores', '0'], env);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/--cores/);
  });
});

describe('run --repeat', { timeout: 120_000 }, () => {
  it('runs each strategy N times, interleaved A B A B A B, and keeps every sample', async () => {
    const trace = await runJson('--tasks', '20ms,20ms', '--strategy', 'sequential,process', '--repeat', '3');
    expect(trace.runs).toHaveLength(2);
    const [a, b] = trace.runs.map((run) => run.repeats!);
    for (const repeats of [a!, b!]) {
      expect(repeats.samplesUs).toHaveLength(3);
      expect(repeats.startsUs).toHaveLength(3);
      const sorted = [...repeats.samplesUs].sort((x, y) => x - y);
      expect(repeats).toMatchObject({ minUs: sorted[0], medianUs: sorted[1], maxUs: sorted[2] });
    }
    for (let round = 0; round < 3; round++) {
      expect(a!.startsUs[round]).toBeLessThan(b!.startsUs[round]!);
      if (round < 2) expect(b!.startsUs[round]).toBeLessThan(a!.startsUs[round + 1]!);
    }
    // The run shown is the median one.
    for (const run of trace.runs) expect(run.elapsedUs).toBe(run.repeats!.medianUs);
  });

  it('does the same on a real Python, and without --repeat a run carries no samples', async () => {
    const trace = await runJson('--runtime', 'python', '--tasks', '20ms,20ms', '--strategy', 'sequential,threads', '--repeat', '2');
    const [a, b] = trace.runs.map((run) => run.repeats!);
    expect([a!.samplesUs.length, b!.samplesUs.length]).toEqual([2, 2]);
    expect(a!.startsUs[0]).toBeLessThan(b!.startsUs[0]!);
    expect(b!.startsUs[0]).toBeLessThan(a!.startsUs[1]!);
    expect(a!.startsUs[1]).toBeLessThan(b!.startsUs[1]!);
    const once = await runJson('--tasks', '20ms', '--strategy', 'sequential');
    expect(once.runs[0]!.repeats).toBeUndefined();
  });
});

describe('every scenario’s real runs carry their setup record', { timeout: 120_000 }, () => {
  it.each(SCENARIOS.map((scenario) => scenario.name))('%s', async (scenario) => {
    const trace = await runJson('--scenario', scenario, '--scale', '0.002');
    const machineCores = SCENARIOS.find((candidate) => candidate.name === scenario)!.machine.cores ?? null;
    expect(trace.runs.length).toBeGreaterThan(0);
    for (const run of trace.runs) {
      expect(run.setup.coresAsked).toBe(machineCores);
      expect(run.setup.coresGranted).toEqual(machineCores ?? availableParallelism());
    }
  });
});
