import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emulate, EMULATED_STRATEGIES, type Run, type TaskSpec } from '../../../src/engine/index.js';
import { arbitraryParams, arbitraryTasks } from './arbitraries.js';
import { laneSpans } from './helpers.js';

const tasks = arbitraryTasks;
const params = arbitraryParams;
const strategy = fc.constantFrom(...EMULATED_STRATEGIES);

/** Strategies whose threads all live in one process, and so share one GIL. */
const ONE_PROCESS = new Set(['sequential', 'threads', 'thread-pool', 'async']);

function scaledCpu(spec: TaskSpec, permille: number): number {
  return spec.phases.reduce((sum, p) => sum + (p.kind === 'cpu' ? Math.max(1, Math.round((p.us * permille) / 1_000)) : 0), 0);
}

/** Largest number of spans (of the given states) open at once. */
function maxConcurrent(run: Run, states: ReadonlySet<string>): number {
  const edges: [number, number][] = [];
  for (const span of run.spans) {
    if (!states.has(span.state) || span.endUs === span.startUs) continue;
    edges.push([span.startUs, 1], [span.endUs, -1]);
  }
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]); // ends before starts at the same instant
  let open = 0;
  let max = 0;
  for (const [, delta] of edges) max = Math.max(max, (open += delta));
  return max;
}

const RUN_SETTINGS = { numRuns: 400, seed: 20261124 } as const;

describe('emulator invariants over random task sets and parameters', { timeout: 60_000 }, () => {
  it('never more tasks on cores than cores, and one lane per core at a time', () => {
    fc.assert(
      fc.property(tasks, params, strategy, (list, p, s) => {
        const run = emulate({ workload: 't', tasks: list, notes: [] }, [s], p).runs[0]!;
        expect(maxConcurrent(run, new Set(['running', 'spawn']))).toBeLessThanOrEqual(p.cores);
        for (let core = 0; core < p.cores; core++) {
          const onCore = { ...run, spans: run.spans.filter((span) => span.core === core) };
          expect(maxConcurrent(onCore, new Set(['running', 'spawn']))).toBeLessThanOrEqual(1);
        }
      }),
      RUN_SETTINGS,
    );
  });

  it('under a GIL, never two threads of one process running at once', () => {
    fc.assert(
      fc.property(tasks, params, fc.constantFrom('threads', 'thread-pool', 'sequential', 'async'), (list, p, s) => {
        fc.pre(p.gil !== 'none' && ONE_PROCESS.has(s));
        const run = emulate({ workload: 't', tasks: list, notes: [] }, [s as 'threads'], p).runs[0]!;
        expect(maxConcurrent(run, new Set(['running']))).toBeLessThanOrEqual(1);
      }),
      RUN_SETTINGS,
    );
  });

  it("each task's running time equals its CPU demand (more under the old GIL's battle, never less)", () => {
    fc.assert(
      fc.property(tasks, params, strategy, (list, p, s) => {
        const run = emulate({ workload: 't', tasks: list, notes: [] }, [s], p).runs[0]!;
        list.forEach((spec, lane) => {
          const running = laneSpans(run, lane)
            .filter((span) => span.state === 'running')
            .reduce((sum, span) => sum + span.endUs - span.startUs, 0);
          // The old GIL's races cost the holder work (old-gil-battle.ts): it runs longer.
          if (p.gil === 'old') expect(running).toBeGreaterThanOrEqual(scaledCpu(spec, p.cpuScalePermille));
          else expect(running).toBe(scaledCpu(spec, p.cpuScalePermille));
        });
      }),
      RUN_SETTINGS,
    );
  });

  it('spans of a lane never overlap, never repeat a state back to back, and cover [arrival, finish]', () => {
    fc.assert(
      fc.property(tasks, params, strategy, (list, p, s) => {
        const run = emulate({ workload: 't', tasks: list, notes: [] }, [s], p).runs[0]!;
        // Plain checks, one assertion per lane: a 1 µs slice makes thousands of spans.
        list.forEach((spec, lane) => {
          const spans = laneSpans(run, lane);
          const problems: string[] = [];
          if (spans[0]!.startUs !== spec.arrivalUs) problems.push(`starts at ${spans[0]!.startUs}`);
          for (let i = 1; i < spans.length; i++) {
            const [prev, span] = [spans[i - 1]!, spans[i]!];
            if (span.startUs !== prev.endUs) problems.push(`gap or overlap at ${span.startUs}`);
            if (span.state === prev.state && span.core === prev.core) problems.push(`unmerged ${span.state} at ${span.startUs}`);
          }
          for (const span of spans.slice(0, -1)) if (span.endUs <= span.startUs) problems.push(`empty span at ${span.startUs}`);
          const last = spans[spans.length - 1]!;
          if (last.state !== 'done' || last.startUs !== last.endUs || last.endUs !== run.tasks[lane]!.finishUs) {
            problems.push(`ends with ${JSON.stringify(last)}`);
          }
          expect(problems).toEqual([]);
        });
      }),
      RUN_SETTINGS,
    );
  });

  it('metrics agree with spans', () => {
    fc.assert(
      fc.property(tasks, params, strategy, (list, p, s) => {
        const run = emulate({ workload: 't', tasks: list, notes: [] }, [s], p).runs[0]!;
        let busy = 0;
        list.forEach((spec, lane) => {
          const spans = laneSpans(run, lane);
          const time = (states: string[]) => spans.filter((sp) => states.includes(sp.state)).reduce((sum, sp) => sum + sp.endUs - sp.startUs, 0);
          const firstWork = spans.find((sp) => sp.state === 'running' || sp.state === 'io')!;
          const finish = spans[spans.length - 1]!.endUs;
          expect(run.tasks[lane]).toMatchObject({
            responseUs: firstWork.startUs - spec.arrivalUs,
            turnaroundUs: finish - spec.arrivalUs,
            waitUs: time(['ready', 'gil-wait']),
            cpuUs: time(['running']),
          });
          busy += time(['running', 'spawn']);
        });
        const elapsed = Math.max(...run.tasks.map((t) => t.finishUs));
        expect(run.elapsedUs).toBe(elapsed);
        expect(run.cpuUtilization).toBeCloseTo(busy / (p.cores * elapsed), 12);
        // The old GIL's battle counts hand-offs too fast to draw: only the drawn ones are instants.
        const drawn = run.instants.filter((i) => i.kind === 'gil-handoff').length;
        if (p.gil === 'old') expect(run.gilHandoffs).toBeGreaterThanOrEqual(drawn);
        else expect(run.gilHandoffs).toBe(drawn);
      }),
      RUN_SETTINGS,
    );
  });

  it('same input, byte-identical trace', () => {
    fc.assert(
      fc.property(tasks, params, (list, p) => {
        const input = { workload: 't', tasks: list, notes: [] };
        const first = JSON.stringify(emulate(input, EMULATED_STRATEGIES, p));
        expect(JSON.stringify(emulate(input, EMULATED_STRATEGIES, p))).toBe(first);
      }),
      { numRuns: 100, seed: 7 },
    );
  });
});
