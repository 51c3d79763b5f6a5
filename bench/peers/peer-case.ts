import { DEFAULT_PARAMS, type EmulatorParams, type TaskSpec } from '../../src/engine/index.js';

/**
 * One case both the emulator and the SimPy peer run: CPU-bound threads under the new GIL.
 * The one description from which both sides' inputs are made, so they cannot drift apart.
 */
export interface PeerCase {
  threads: number;
  cpuUs: number;
  cores: number;
  sliceUs: number;
  intervalUs: number;
}

/** The case: 2 threads × 12.5 s on 2 cores, new GIL at 5 ms, at a given OS slice. */
export function mainCase(sliceUs: number): PeerCase {
  return { threads: 2, cpuUs: 12_500_000, cores: 2, sliceUs, intervalUs: 5_000 };
}

export function peerTasks(c: PeerCase): TaskSpec[] {
  return Array.from({ length: c.threads }, (_, i) => ({ name: `T${i + 1}`, arrivalUs: 0, phases: [{ kind: 'cpu', us: c.cpuUs }] }));
}

/** A context switch costs nothing on both sides: the peer models no switch cost. */
export function peerParams(c: PeerCase): EmulatorParams {
  return { ...DEFAULT_PARAMS, cores: c.cores, quantumUs: c.sliceUs, switchCostUs: 0, gil: 'new', switchIntervalUs: c.intervalUs };
}

/** The SimPy script's arguments for the case. */
export function peerArgs(c: PeerCase): string[] {
  return ['--threads', `${c.threads}`, '--cpu-us', `${c.cpuUs}`, '--cores', `${c.cores}`, '--slice-us', `${c.sliceUs}`, '--interval-us', `${c.intervalUs}`];
}

/** The same case as `concur-tui emulate` flags. */
export function emulateArgs(c: PeerCase): string[] {
  const tasks = Array.from({ length: c.threads }, () => `cpu:${c.cpuUs}us`).join(',');
  return [
    'emulate',
    '--tasks',
    tasks,
    '--strategy',
    'threads',
    '--cores',
    `${c.cores}`,
    '--quantum',
    `${c.sliceUs}us`,
    '--switch-cost',
    '0us',
    '--gil',
    'new',
    '--switch-interval',
    `${c.intervalUs}us`,
  ];
}
