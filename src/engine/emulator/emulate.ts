import { metricsFromColumns, utilization } from '../metrics.js';
import { setColumns } from '../span-columns.js';
import type { TaskSpec } from '../task-spec.js';
import { emulatedSetup } from '../emulated-setup.js';
import type { EmulatedRun as TraceRun } from '../runs.js';
import { gilModel } from '../registry/gil-models.js';
import { strategyOf } from '../registry/strategies.js';
import { AsyncExecutor } from './async-executor.js';
import { Kernel, type KernelOptions } from './kernel.js';
import { emulatedPhaseUs, type EmulatedStrategy, type EmulatorParams } from './params.js';
import { PoolExecutor } from './pool-executor.js';
import { Recorder } from './recorder.js';
import type { SimTask, SimThread } from './sim-types.js';
import { threadLayout } from './thread-layout.js';

/** One emulated run, plus how many events it took (for benchmarks). */
export interface EmulatedRun {
  run: TraceRun;
  events: number;
}

/** Emulates one strategy on a task list: a pure function of its arguments (`options` change only the events it takes). */
export function emulateRun(tasks: readonly TaskSpec[], strategy: EmulatedStrategy, params: EmulatorParams, options?: KernelOptions): EmulatedRun {
  const simTasks = tasks.map((spec, id) => toSimTask(spec, id, params.cpuScalePermille));
  const layout = threadLayout(strategy, tasks.length, params);
  const threads = layout.names.map((name, id) => newThread(id, name, layout.processOf(id)));
  const recorder = new Recorder(tasks.length);
  const kernel = new Kernel(
    params,
    recorder,
    simTasks,
    threads,
    {
      gil: (host) => gilModel(params.gil).create(host, layout.processCount, params),
      executor: (host) =>
        strategyOf(strategy).eventLoop ? new AsyncExecutor(host, simTasks.length, threads[0]!) : new PoolExecutor(host, simTasks, threads, layout.pool),
    },
    options,
  );
  const events = kernel.run();

  const lanes = simTasks.map((task) => ({ id: task.id, name: task.name, group: task.group, arrivalUs: task.arrivalUs }));
  const spans = recorder.columns();
  const metrics = metricsFromColumns(lanes, spans);
  // Span and instant objects are made only if the run's `spans` or `instants` are read.
  const run = setColumns<TraceRun>(
    {
      source: 'emulated',
      strategy,
      elapsedUs: metrics.elapsedUs,
      cpuUtilization: utilization(metrics.busyUs, params.cores, metrics.elapsedUs),
      contextSwitches: kernel.log.contextSwitches,
      gilHandoffs: kernel.log.gilHandoffs,
      speedupVsSequential: null,
      cores: params.cores,
      setup: emulatedSetup(strategy, params),
      tasks: metrics.tasks,
      lanes,
      spans: [],
      instants: [],
    },
    spans,
    kernel.log.instants(),
  );
  return { run, events };
}

/** CPU phases that run bytecode take the interpreter's speed into account (never below 1 µs). */
function toSimTask(spec: TaskSpec, id: number, cpuScalePermille: number): SimTask {
  const phases = spec.phases.map((phase) => ({ ...phase, us: emulatedPhaseUs(phase, cpuScalePermille) }));
  const cpuSuffixUs = new Array<number>(phases.length + 1).fill(0);
  for (let i = phases.length - 1; i >= 0; i--) {
    cpuSuffixUs[i] = cpuSuffixUs[i + 1]! + (phases[i]!.kind === 'cpu' ? phases[i]!.us : 0);
  }
  return {
    id,
    name: spec.name,
    arrivalUs: spec.arrivalUs,
    arrived: false,
    finished: false,
    phaseIndex: 0,
    awaiting: false,
    group: '',
    owner: null,
    phases,
    cpuSuffixUs,
    sentAtUs: 0,
    sendUs: 0,
  };
}

/** A thread before it first runs: idle, on no core, holding no GIL (tests build threads with it too). */
export function newThread(id: number, name: string, process: number): SimThread {
  return {
    id,
    process,
    name,
    state: 'idle',
    core: -1,
    lastCore: -1,
    task: null,
    work: null,
    sliceStartUs: 0,
    quantumEndUs: 0,
    token: 0,
    gilPhase: 'none',
    savedSwitch: 0,
    gilTimeoutUs: 0,
    wakeCostUs: -1,
    gilDeadlineUs: Number.POSITIVE_INFINITY,
    gilRaceStartUs: 0,
    gilRound: false,
    waitQueued: false,
    waitPrev: null,
    waitNext: null,
  };
}
