import { describe, expect, it } from 'vitest';
import { resolveParams } from '../../src/cli/emulator-options.js';
import { resolveRealSetup } from '../../src/cli/real-options.js';
import { describeParams } from '../../src/cli/text-table.js';
import { parseChoiceList } from '../../src/cli/values.js';
import {
  DEFAULT_PARAMS,
  EMULATED_STRATEGIES,
  GIL_MODEL_LIST,
  NO_LAYERS,
  REAL_STRATEGIES,
  REAL_TWIN,
  STRATEGY_LIST,
  TUTORIAL_CALIBRATION,
  emulate,
  parseTasks,
  summaryRows,
  type GilMode,
} from '../../src/engine/index.js';
import { epochUs } from '../../src/engine/real/clock.js';
import { runTask } from '../../src/engine/real/task-runner.js';
import type { RealCall } from '../../src/engine/real/protocol.js';
import { traceFromJson, traceToJson } from '../../src/export/trace-json.js';
import { caption } from '../../src/ui/render/caption.js';
import { helpLines } from '../../src/ui/render/help-lines.js';
import { lineText } from '../../src/ui/render/line.js';
import { paramsLine } from '../../src/ui/render/params-line.js';
import { initialModel } from '../../src/ui/state/model.js';
import { update } from '../../src/ui/state/update.js';
import { startDbServer } from '../../src/workloads/db-server.js';
import { WORKLOAD_LIST, type WorkloadName } from '../../src/workloads/index.js';

const plain = { color: false, unicode: true };
const tasks = parseTasks('2ms+io:1ms+2ms,3ms');

describe('every GIL model is handled by every consumer', () => {
  const names = GIL_MODEL_LIST.map((model) => model.name);

  it.each(names)('%s: flag, emulation, header, JSON, budget and real twin', (name) => {
    const model = GIL_MODEL_LIST.find((candidate) => candidate.name === name)!;
    const params = resolveParams({ gil: name }, 'tasks');
    expect(params.gil).toBe(name);
    const trace = emulate({ workload: 'tasks', tasks, notes: [] }, ['threads'], params);
    expect(trace.runs[0]!.tasks.every((task) => task.error === undefined)).toBe(true);
    const header = lineText(
      paramsLine({ ...initialModel({ scenario: 'tasks', layers: { ...NO_LAYERS, flags: { gil: name } }, strategies: ['threads'], speed: 1 }) }, 200, plain),
    );
    expect(header).toContain(model.label(params));
    expect(describeParams(params)).toContain(model.summary(params));
    expect(traceFromJson(traceToJson(trace), 't.json').emulator?.gil).toBe(name);
    // A GIL with a period names the parameter that lengthens it; no GIL has no period.
    expect(model.periodParam === null).toBe(model.budgetPeriodUs(params) === Number.POSITIVE_INFINITY);
    expect(resolveRealSetup({ tasks: '1ms', gil: model.realTwin }, TUTORIAL_CALIBRATION).spec.gil).toBe(model.realTwin);
  });

  it('g cycles through all of them, and the help lists them in that order', () => {
    let model = initialModel({ scenario: 'count', layers: NO_LAYERS, strategies: ['threads'], speed: 1 });
    const seen: GilMode[] = [];
    for (let i = 0; i < names.length; i++) seen.push((model = update(model, { type: 'cycle-gil' })).params.gil);
    expect([...seen].sort()).toEqual([...names].sort());
    expect(helpLines(plain, 80).map(lineText).join('\n')).toContain(`GIL: ${names.join(' → ')}`);
  });

  it('the labels tell the models apart', () => {
    expect(new Set(GIL_MODEL_LIST.map((model) => model.label(DEFAULT_PARAMS))).size).toBe(names.length);
    expect(new Set(GIL_MODEL_LIST.map((model) => model.summary(DEFAULT_PARAMS))).size).toBe(names.length);
  });
});

describe('every strategy is handled by every consumer', () => {
  it.each(EMULATED_STRATEGIES)('%s: flag, emulation, caption, table row and real twin', (name) => {
    expect(parseChoiceList(name, 'strategy', EMULATED_STRATEGIES)).toEqual([name]);
    const trace = emulate({ workload: 'tasks', tasks, notes: [] }, ['sequential', name], DEFAULT_PARAMS);
    const run = trace.runs.find((candidate) => candidate.strategy === name)!;
    expect(run.tasks).toHaveLength(tasks.length);
    expect(caption(trace, DEFAULT_PARAMS)).not.toBe('');
    expect(summaryRows(trace.runs).map((row) => row.strategy)).toContain(name);
    // Its twin is the real strategy of its very name: the same layout on this machine.
    expect(REAL_TWIN[name]).toBe(name);
    expect(REAL_STRATEGIES).toContain(name);
  });

  it('the real strategies are the emulated ones, one to one, in the same order', () => {
    expect([...REAL_STRATEGIES]).toEqual(EMULATED_STRATEGIES);
    expect(STRATEGY_LIST.map((strategy) => strategy.name)).toEqual(EMULATED_STRATEGIES);
  });
});

describe('every workload runs both ways', () => {
  const sizing = { scale: 0.001, calibration: TUTORIAL_CALIBRATION };
  const small: Record<WorkloadName, number> = { count: 10_000, sleep: 1, query: 1, compress: 4_096 };

  it.each(WORKLOAD_LIST.map((workload) => workload.name))('%s: a cost for the emulator, a size and a run for the real engine', async (name) => {
    const workload = WORKLOAD_LIST.find((candidate) => candidate.name === name)!;
    const phases = workload.cost(small[name], TUTORIAL_CALIBRATION);
    expect(phases.length).toBeGreaterThan(0);
    expect(phases.every((phase) => Number.isInteger(phase.us) && phase.us > 0)).toBe(true);
    expect(workload.scale(small[name], sizing)).toBeGreaterThan(0);
    const db = await startDbServer({ longestQueryMs: small.query, clients: 1 });
    try {
      const context = { originUs: epochUs(), db: db.address, gil: null };
      const order = { lane: 0, task: { name: 'employees', arrivalUs: 0, calls: [{ workload: name, argument: small[name] }] } };
      for (const mode of ['blocking', 'async'] as const) {
        const outcome = await runTask(order, context, mode, () => {});
        expect(outcome).toMatchObject({ ok: true });
      }
    } finally {
      await db.close();
    }
  });

  it('an unknown workload fails its task loudly instead of reporting ok', async () => {
    const calls = [{ workload: 'teleport', argument: 1 } as unknown as RealCall];
    const outcome = await runTask({ lane: 0, task: { name: 'x', arrivalUs: 0, calls } }, { originUs: epochUs(), db: null, gil: null }, 'blocking', () => {});
    expect(outcome).toMatchObject({ ok: false, error: 'unknown workload "teleport"' });
  });
});
