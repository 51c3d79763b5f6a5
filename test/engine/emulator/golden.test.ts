import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkEventBudget,
  DEFAULT_PARAMS,
  EMULATED_STRATEGIES,
  GIL_MODES,
  POLICIES,
  SCENARIOS,
  scenarioTasks,
  TUTORIAL_CALIBRATION,
  type EmulatedStrategy,
  type EmulatorParams,
  type TaskSpec,
} from '../../../src/engine/index.js';
import { emulateRun } from '../../../src/engine/emulator/emulate.js';
import { arbitraryParams, arbitraryTasks } from './arbitraries.js';
import { runHash } from './run-hash.js';

/**
 * Golden traces: a battery of inputs whose runs were hashed on the emulator before its core was
 * restructured (commit 38ba038). A refactor of the simulator must give the same runs, span for
 * span. Regenerate only for an intended change of the model: `GOLDEN_WRITE=1 npx vitest run <this file>`.
 */
const FIXTURE = new URL('./golden-hashes.txt', import.meta.url);
const CORES = [1, 2, 4] as const;
const RANDOM_CASES = 300;
const RANDOM_SEED = 20261201;

interface GoldenCase {
  name: string;
  tasks: readonly TaskSpec[];
  strategy: EmulatedStrategy;
  params: EmulatorParams;
}

function scenarioCases(): GoldenCase[] {
  const cases: GoldenCase[] = [];
  for (const scenario of SCENARIOS) {
    const tasks = scenarioTasks(scenario, TUTORIAL_CALIBRATION);
    for (const strategy of EMULATED_STRATEGIES) {
      for (const gil of GIL_MODES) {
        for (const policy of POLICIES) {
          for (const cores of CORES) {
            // Flags win over the scenario's machine, as on the command line.
            const params = { ...DEFAULT_PARAMS, ...scenario.machine, gil, policy, cores };
            cases.push({ name: `${scenario.name} ${strategy} gil=${gil} ${policy} cores=${cores}`, tasks, strategy, params });
          }
        }
      }
    }
  }
  return cases;
}

function randomCases(): GoldenCase[] {
  const inputs = fc.sample(fc.tuple(arbitraryTasks, arbitraryParams), { numRuns: RANDOM_CASES, seed: RANDOM_SEED });
  return inputs.flatMap(([tasks, params], i) => EMULATED_STRATEGIES.map((strategy) => ({ name: `random-${i} ${strategy}`, tasks, strategy, params })));
}

function hashOf(golden: GoldenCase): string {
  try {
    checkEventBudget(golden.tasks, golden.params, [golden.strategy]);
  } catch {
    return 'refused';
  }
  const { run } = emulateRun(golden.tasks, golden.strategy, golden.params);
  return runHash(run);
}

function readFixture(): Map<string, string> {
  const lines = readFileSync(FIXTURE, 'utf8')
    .split('\n')
    .filter((line) => line !== '');
  return new Map(lines.map((line) => [line.slice(0, line.lastIndexOf(' ')), line.slice(line.lastIndexOf(' ') + 1)]));
}

describe('golden traces', { timeout: 120_000 }, () => {
  const cases = [...scenarioCases(), ...randomCases()];

  it('every scenario × strategy × GIL × policy × cores, and random task lists, give the recorded runs', () => {
    const actual = cases.map((golden) => `${golden.name} ${hashOf(golden)}`);
    if (process.env.GOLDEN_WRITE === '1') writeFileSync(FIXTURE, `${actual.join('\n')}\n`);
    const expected = readFixture();
    expect(expected.size).toBe(cases.length);
    const mismatches = actual.filter((line) => {
      const at = line.lastIndexOf(' ');
      return expected.get(line.slice(0, at)) !== line.slice(at + 1);
    });
    expect(mismatches).toEqual([]);
  });

  it('the battery exercises the GIL, every policy and refusals are rare', () => {
    const fixture = readFixture();
    const refused = [...fixture.values()].filter((hash) => hash === 'refused').length;
    expect(refused).toBeLessThan(cases.length / 20);
    expect(new Set(fixture.values()).size).toBeGreaterThan(cases.length / 4);
  });
});
