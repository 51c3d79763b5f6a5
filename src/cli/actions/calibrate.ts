import { lstatSync, type Stats } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import {
  TUTORIAL_CALIBRATION,
  UsageError,
  calibrationPath,
  quoteName,
  formatCalibration,
  formatDuration,
  measureNodeNsPerIteration,
  calibratePython,
  loadCalibration,
  measurePython,
  measureStartupCosts,
  probeInterpreter,
  saveCalibration,
  withCalibration,
  type PythonCalibration,
  type StoredCalibration,
} from '../../engine/index.js';
import { checkOutputPath } from '../output-path.js';
import { parseWhole } from '../values.js';
import { DEFAULT_ITERATIONS, MAX_ITERATIONS } from '../commands/calibrate.js';

/** Flags of `concur-tui calibrate`, as yargs parses them. */
export interface CalibrateFlags {
  /** Iterations of the Node `count` loop per timed run, as typed. */
  iterations?: string | undefined;
  /** False with `--no-python`: skip timing CPython; a path: also calibrate that interpreter (`calibrate --python PATH`). */
  python?: string | boolean | undefined;
  /** Where to store the result; the tool's own file by default. */
  output?: string | undefined;
  /** Allow replacing an existing file that is not the default one. */
  force?: boolean | undefined;
  /** Print the stored object as JSON instead of a summary. */
  json?: boolean | undefined;
}

function describeMachine(): string {
  const list = cpus();
  return list.length > 0 ? `${list[0]!.model.trim()} × ${list.length}` : 'unknown CPU';
}

function formatNs(ns: number): string {
  return `${ns < 10 ? ns.toFixed(2) : ns.toFixed(1)} ns/iteration`;
}

function summary(stored: StoredCalibration, pythonNote: string, startupNote: string, path: string, measured: PythonCalibration | null): string {
  const { nodeNsPerIteration: node, cpythonNsPerIteration: cpython } = stored;
  const lines = [`Node ${stored.node}: ${formatNs(node)}`];
  if (cpython === null) {
    lines.push(
      `CPython: ${pythonNote} (emulate --calibration machine needs it; the default stays the tutorial's ${TUTORIAL_CALIBRATION.cpythonNsPerIteration} ns/iteration)`,
    );
  } else {
    const ratio = cpython / node;
    const comparison = ratio >= 1 ? `${ratio.toFixed(0)}× slower` : `${(1 / ratio).toFixed(1)}× faster`;
    lines.push(`${stored.python ?? 'CPython'}: ${formatNs(cpython)}`, `CPython is ${comparison} here`);
  }
  const startup = stored.startup;
  lines.push(
    startup
      ? `start-up: a worker thread ${formatDuration(startup.threadUs)}, a pool of ${startup.poolWorkers} ${formatDuration(startup.threadPoolUs)}, ` +
          `a child process ${formatDuration(startup.processUs)} (the emulator's with --calibration machine)`
      : `start-up: ${startupNote}`,
  );
  if (measured !== null) lines.push(...describePython(measured));
  lines.push(`saved to ${quoteName(path)}`);
  return `${lines.join('\n')}\n`;
}

const us = (value: number) => (value >= 1_000 ? `${(value / 1_000).toFixed(1)} ms` : `${Math.round(value)} µs`);

/** The summary's lines for an interpreter calibrated with --python. */
function describePython(measured: PythonCalibration): string[] {
  const starts = [`thread ${us(measured.threadStartUs)}`, `fork ${us(measured.forkStartUs)}`];
  if (measured.spawnStartUs !== null) starts.push(`spawn ${us(measured.spawnStartUs)}`);
  if (measured.interpreterStartUs != null) starts.push(`subinterpreter ${us(measured.interpreterStartUs)}`);
  const hold =
    measured.holdUs === null || measured.switchIntervalUs === null
      ? 'no switch interval'
      : `GIL held ${us(measured.holdUs)} at the ${us(measured.switchIntervalUs)} switch interval`;
  return [
    `${measured.interpreter} (${measured.path}): ${formatNs(measured.nsPerIteration)}`,
    `  start-up: ${starts.join(', ')} (multiprocessing starts by ${measured.startMethod}); ${hold}`,
    '  --calibration machine sizes the emulated twin of real runs on it with these',
  ];
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null; // missing, or a name the write itself refuses with its reason
  }
}

/** The interpreters an earlier file at `path` holds; an unreadable or invalid one holds none (it is replaced). */
function loadEarlier(path: string): PythonCalibration[] | undefined {
  try {
    return loadCalibration(path)?.pythons;
  } catch {
    return undefined;
  }
}

/** Measures, stores and reports; the handler of `concur-tui calibrate`. */
export async function runCalibrate(flags: CalibrateFlags): Promise<StoredCalibration> {
  const iterations = flags.iterations === undefined ? DEFAULT_ITERATIONS : parseWhole(flags.iterations, 'iterations', 1, MAX_ITERATIONS);
  // An interpreter that is missing, not Python or too old is refused before anything is timed.
  const interpreter = typeof flags.python === 'string' ? probeInterpreter(flags.python) : null;
  const defaultPath = calibrationPath();
  const path = resolve(flags.output ?? defaultPath);
  // The default file is ours to replace when it is a plain file; a link there (dotfiles) or any
  // other name only with --force, as every output. Checked before measuring, so a refusal costs
  // no time, and again as the name is claimed. The default's directory is created on first use.
  const isDefault = path === resolve(defaultPath);
  const present = lstatOrNull(path);
  const force = flags.force === true || (isDefault && present?.isSymbolicLink() !== true);
  if (!isDefault || present) checkOutputPath(flags.output ?? path, 'output', force);
  const log = (line: string): void => void process.stderr.write(`${line}\n`);

  log(`timing Node: 5 runs of count(${iterations.toLocaleString('en-US')})…`);
  const nodeNsPerIteration = measureNodeNsPerIteration(iterations);
  let python: StoredCalibration['python'] = null;
  let cpythonNsPerIteration: number | null = null;
  let pythonNote = 'skipped (--no-python)';
  let measured: PythonCalibration | null = null;
  if (interpreter !== null) {
    log(`calibrating ${interpreter.path}: its loop, thread and process start-up, and the GIL's hold period…`);
    measured = await calibratePython(interpreter);
  }
  if (flags.python !== false) {
    log('timing CPython: 3 runs of the tutorial loop over 10,000,000 iterations…');
    const measured = await measurePython();
    if (measured.type === 'measured') {
      cpythonNsPerIteration = measured.nsPerIteration;
      python = measured.version || null;
    } else {
      pythonNote = measured.reason;
    }
  }

  log('timing start-ups: 3 worker threads, pools and child processes…');
  let startupNote = '';
  const startup = await measureStartupCosts(3).catch((error: unknown) => {
    startupNote = `not measured (${error instanceof Error ? error.message : String(error)})`;
    return null;
  });

  const stored: StoredCalibration = {
    version: 1,
    measuredAt: new Date().toISOString(),
    node: process.version,
    nodeNsPerIteration,
    cpythonNsPerIteration,
    python,
    machine: describeMachine(),
    startup,
  };
  // Interpreters calibrated before are kept; this one replaces its own earlier entry.
  const earlier = present?.isFile() ? loadEarlier(path) : undefined;
  const pythons = measured === null ? earlier : withCalibration(earlier, measured);
  if (pythons !== undefined && pythons.length > 0) stored.pythons = pythons;
  try {
    saveCalibration(stored, path, { force });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    throw new UsageError(`--output: cannot write ${quoteName(path)} (${code})`);
  }
  process.stdout.write(flags.json ? formatCalibration(stored) : summary(stored, pythonNote, startupNote, path, measured));
  return stored;
}
