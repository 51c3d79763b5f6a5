import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PARAMS,
  emulate,
  findPreset,
  presetParams,
  TUTORIAL_CALIBRATION,
  type EmulatorParams,
  type Run,
  type TaskSpec,
} from '../../../src/engine/index.js';
import { QUERY_SEND_US } from '../../../src/workloads/query.js';
import { workloadNamed } from '../../../src/workloads/index.js';
import { emulateOne, emulateRuns, laneSpans, medianOf } from './helpers.js';

const cpython27 = presetParams(findPreset('cpython-2.7')!);
const handoffGaps = (run: Run) => run.instants.slice(1).map((instant, i) => instant.atUs - run.instants[i]!.atUs);
const cpuTasks = (n: number) => Array.from({ length: n }, () => '500ms').join(',');

function threadsOverSequential(n: number, params: Partial<EmulatorParams>): number {
  const [sequential, threads] = emulateRuns({ tasks: cpuTasks(n), strategies: ['sequential', 'threads'], params: { ...cpython27, ...params } });
  return threads!.elapsedUs / sequential!.elapsedUs;
}

describe('the old GIL (2.7) on several cores: a battle', () => {
  it('two CPU threads take about 1.5 × sequential on 2 cores, four about 2.1 × (2.7.18 here: 1.50–1.60 ×, 1.95–2.25 ×)', () => {
    const two = threadsOverSequential(2, { cores: 2 });
    const four = threadsOverSequential(4, { cores: 2 });
    expect(two).toBeGreaterThanOrEqual(1.4);
    expect(two).toBeLessThan(1.6);
    expect(four).toBeGreaterThan(1.95);
    expect(four).toBeLessThan(2.3);
  });

  it('the GIL changes hands tens of thousands of times a second', () => {
    const run = emulateOne({ tasks: cpuTasks(2), strategy: 'threads', params: { ...cpython27, cores: 2 } });
    const perSecond = (run.gilHandoffs * 1e6) / run.elapsedUs;
    expect(perSecond).toBeGreaterThan(10_000);
    expect(perSecond).toBeLessThan(100_000);
    // Only a round's change of holder is drawn: far fewer instants than hand-offs.
    expect(run.instants.length).toBeLessThan(run.gilHandoffs / 10);
  });

  it('the races are seeded: the same seed gives the same run, another seed another', () => {
    const at = (seed: number) => emulateOne({ tasks: cpuTasks(2), strategy: 'threads', params: { ...cpython27, seed } });
    expect(at(1)).toEqual(at(1));
    expect(at(2).gilHandoffs).not.toBe(at(1).gilHandoffs);
  });
});

describe('the old GIL on one core: the OS tick decides', () => {
  it('threads take about sequential time', () => {
    const ratio = threadsOverSequential(2, { cores: 1 });
    expect(ratio).toBeGreaterThan(0.98);
    expect(ratio).toBeLessThan(1.05);
  });

  it('a holder keeps the GIL for one time slice (4 ms), not two', () => {
    const run = emulateOne({ tasks: cpuTasks(2), strategy: 'threads', params: { ...cpython27, cores: 1 } });
    const gap = medianOf(handoffGaps(run));
    expect(gap).toBeGreaterThanOrEqual(4_000);
    expect(gap).toBeLessThan(4_200);
  });
});

describe('queries: a send and a receive, each releasing the GIL', () => {
  const ROUND_TRIPS = 100;
  const roundTrips: TaskSpec = {
    name: 'io',
    arrivalUs: 0,
    phases: Array.from({ length: ROUND_TRIPS }, () => workloadNamed('query').cost(1, TUTORIAL_CALIBRATION)).flat(),
  };
  const cpuThread: TaskSpec = { name: 'cpu', arrivalUs: 0, phases: [{ kind: 'cpu', us: 60_000_000 }] };

  const emulateIo = (tasks: TaskSpec[], params: Partial<EmulatorParams>) =>
    emulate({ workload: 'convoy', tasks, notes: [] }, ['threads'], { ...DEFAULT_PARAMS, ...params }).runs[0]!;
  function convoyPerOpUs(params: Partial<EmulatorParams>): number {
    const ioThread = (tasks: TaskSpec[]) => emulateIo(tasks, params).tasks[0]!.turnaroundUs;
    return (ioThread([roundTrips, cpuThread]) - ioThread([roundTrips])) / ROUND_TRIPS;
  }
  const gilWaitPerOpUs = (params: Partial<EmulatorParams>) =>
    laneSpans(emulateIo([roundTrips, cpuThread], params), 0)
      .filter((span) => span.state === 'gil-wait')
      .reduce((sum, span) => sum + span.endUs - span.startUs, 0) / ROUND_TRIPS;

  it('the db scenario draws both waits of a query: the send, and the receive of the answer due 2 s after it', () => {
    const run = emulateOne({ scenario: 'db', strategy: 'sequential' });
    const [send, receive] = laneSpans(run, 0).filter((span) => span.state === 'io');
    expect(send!.endUs - send!.startUs).toBe(QUERY_SEND_US);
    // The receive begins after a few bytecodes; the answer counts from the send.
    expect(receive!.endUs - send!.endUs).toBe(2_000_000);
  });

  it('under the new GIL a round trip beside a CPU thread waits between one and two switch intervals for the GIL', () => {
    for (const switchIntervalUs of [1_000, 5_000, 20_000]) {
      const perOp = gilWaitPerOpUs({ gil: 'new', switchIntervalUs });
      expect(perOp).toBeGreaterThan(switchIntervalUs);
      expect(perOp).toBeLessThan(2 * switchIntervalUs);
    }
  });

  it('and costs between one and two intervals more than alone, less the answer it waits for meanwhile', () => {
    for (const switchIntervalUs of [5_000, 20_000]) {
      const perOp = convoyPerOpUs({ gil: 'new', switchIntervalUs });
      expect(perOp).toBeGreaterThan(switchIntervalUs);
      expect(perOp).toBeLessThan(2 * switchIntervalUs);
    }
    // At 1 ms the 1 ms answer is waited for while the GIL is: the trip costs less more than alone
    // than it waits for the GIL, but still costs more.
    const extraAt1ms = convoyPerOpUs({ gil: 'new', switchIntervalUs: 1_000 });
    expect(extraAt1ms).toBeGreaterThan(0);
    expect(extraAt1ms).toBeLessThan(gilWaitPerOpUs({ gil: 'new', switchIntervalUs: 1_000 }));
  });

  it('the old GIL barely slows the convoy scenario’s I/O thread: under a tenth of the new GIL’s cost', () => {
    const perOp = (params: Partial<EmulatorParams>) => {
      const beside = emulateOne({ scenario: 'convoy', strategy: 'threads', params }).tasks[0]!.turnaroundUs;
      const alone = emulateOne({ scenario: 'convoy', strategy: 'threads', params: { ...params, gil: 'none' } }).tasks[0]!.turnaroundUs;
      return (beside - alone) / 20;
    };
    const oldCost = perOp(cpython27);
    expect(oldCost).toBeGreaterThan(0);
    expect(oldCost).toBeLessThan(0.1 * perOp({ ...cpython27, gil: 'new' }));
  });
});
