import { describe, expect, it } from 'vitest';
import {
  APPROXIMATE_NOTE,
  DEFAULT_PARAMS,
  emulate,
  gilFiguresApproximate,
  summaryRows,
  type EmulatedRun,
  type Run,
  type Trace,
} from '../../src/engine/index.js';
import { formatRunTable } from '../../src/cli/text-table.js';

// Real Python hand-offs are read by a 1 ms sampler: holds of a sample or two are marked `~`.

/** Two threads counting 300 ms each under the new GIL at `intervalUs`, emulated. */
function emulation(intervalUs: number): Trace {
  const tasks = ['a', 'b'].map((name) => ({ name, arrivalUs: 0, phases: [{ kind: 'cpu' as const, us: 300_000 }] }));
  const params = { ...DEFAULT_PARAMS, gil: 'new' as const, switchIntervalUs: intervalUs };
  return emulate({ workload: 'tasks', tasks, notes: [] }, ['threads'], params);
}
const emulatedThreads = (intervalUs: number) => emulation(intervalUs).runs[0] as EmulatedRun;
/** The emulation's trace with `run` in place of its runs. */
const traceOf = (run: Run): Trace => ({ ...emulation(1_000), runs: [run] });

/** The same spans and hand-offs as a real run of `runtime`. */
function asReal(run: EmulatedRun, runtime: 'python' | 'node'): Run {
  const common = { ...run, source: 'real' as const, strategy: 'threads' as const };
  return runtime === 'python'
    ? { ...common, setup: { runtime, interpreter: 'CPython 3.11.7, GIL', path: 'python3', gil: true, coresGranted: 2, coresAsked: null } }
    : { ...common, setup: { runtime, coresGranted: 2, coresAsked: null, gil: 'new', gilLock: true } };
}

const row = (run: Run) => summaryRows([run])[0]!;

describe('GIL figures read at a sampler’s resolution', () => {
  it('marks a real Python run whose median hold is under three samples, and only that one', () => {
    const short = emulatedThreads(1_000);
    const long = emulatedThreads(5_000);
    expect(row(asReal(short, 'python')).medianHoldUs).toBeLessThan(3_000);
    expect(row(asReal(short, 'python')).gilApproximate).toBe(true);
    expect(row(asReal(long, 'python')).gilApproximate).toBe(false);
    // The emulator and the Node lock record their hand-offs: exact at any interval.
    expect(row(short).gilApproximate).toBe(false);
    expect(row(asReal(short, 'node')).gilApproximate).toBe(false);
    expect(gilFiguresApproximate(asReal(short, 'python'), null)).toBe(false);
  });

  it('the CLI table marks the hold and the hand-offs a second, and says why under it', () => {
    const short = asReal(emulatedThreads(1_000), 'python');
    const table = formatRunTable(traceOf(short));
    const [, , header, line] = table.split('\n');
    const cells = line!.trim().split(/\s{2,}/);
    const column = (name: string) =>
      cells[
        header!
          .trim()
          .split(/\s{2,}/)
          .indexOf(name)
      ]!;
    expect(column('median hold')).toMatch(/^~1\.\d+ms$/);
    expect(column('hand-offs/s')).toMatch(/^~\d+$/);
    expect(table).toContain(APPROXIMATE_NOTE);
    const exact = formatRunTable(traceOf(asReal(emulatedThreads(5_000), 'python')));
    expect(exact).not.toContain('~');
  });
});
