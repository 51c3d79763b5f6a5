import { mkdirSync } from 'node:fs';
import { READ_LIMITS, readBoundedText } from './bounded-read.js';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { UsageError } from './errors.js';
import { writeOutputFile } from './output-file.js';
import { quoteName } from './quote.js';
import { TUTORIAL_CALIBRATION, type Calibration } from '../workloads/calibration.js';
import type { StartupCosts } from './real/startup-costs.js';
import type { PythonCalibration } from './python/python-calibration.js';

/** What `concur-tui calibrate` stores in `calibration.json`. */
export interface StoredCalibration {
  /** Format version; bumped when fields change meaning. */
  version: 1;
  /** When the figures were measured, as an ISO 8601 string. */
  measuredAt: string;
  /** The Node that was timed (`process.version`). */
  node: string;
  /** Median cost of one `count` iteration on that Node. */
  nodeNsPerIteration: number;
  /** Median cost of one iteration of the tutorial's loop on CPython, or null if it was not measured. */
  cpythonNsPerIteration: number | null;
  /** The CPython that was timed, e.g. `Python 3.11.7`, or null. */
  python: string | null;
  /** The CPU, e.g. `AMD EPYC 7763 × 2`, so a copied file is recognisable. */
  machine: string;
  /**
   * What starting a worker thread, a pool and a child cost here (the emulator's start-up costs
   * under `--calibration machine`); absent in files of older versions, null when it failed.
   */
  startup?: StartupCosts | null;
  /** Interpreters measured with `calibrate --python PATH`, one entry each (absent in older files). */
  pythons?: PythonCalibration[];
}

/** The calibration file's name inside the config directory. */
export const CALIBRATION_FILE = 'calibration.json';

/**
 * Where calibration lives: `$CONCUR_TUI_CONFIG_DIR`, else `$XDG_CONFIG_HOME/concur-tui`, else
 * `~/.config/concur-tui`; the file is `calibration.json` in that directory.
 */
export function calibrationPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CONCUR_TUI_CONFIG_DIR) return resolve(env.CONCUR_TUI_CONFIG_DIR, CALIBRATION_FILE);
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = env.XDG_CONFIG_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'concur-tui', CALIBRATION_FILE);
  return join(env.HOME || homedir(), '.config', 'concur-tui', CALIBRATION_FILE);
}

/** The JSON text stored for `data` (also what `calibrate --json` prints). */
export function formatCalibration(data: StoredCalibration): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

/**
 * Writes `data` to `path` under the one output rule (`writeOutputFile`), creating the default
 * directory. The tool's own file is its to replace (`force`, the default); another name is
 * replaced only with --force. Either way a device, FIFO or directory there is refused, a link is
 * replaced rather than followed, and a crash never leaves a half-written file.
 */
export function saveCalibration(data: StoredCalibration, path: string, { force }: { force: boolean } = { force: true }): void {
  mkdirSync(dirname(path), { recursive: true });
  writeOutputFile({ path, force }, [formatCalibration(data)], 'output');
}

type Check = (value: unknown) => boolean;
const isText: Check = (value) => typeof value === 'string' && value.length > 0;
const isCost: Check = (value) => typeof value === 'number' && Number.isFinite(value) && value > 0;
const orNull =
  (check: Check): Check =>
  (value) =>
    value === null || check(value);
const isStartup: Check = (value) =>
  typeof value === 'object' &&
  value !== null &&
  (['threadUs', 'threadPoolUs', 'poolWorkers', 'processUs'] as const).every((key) => isCost((value as Record<string, unknown>)[key]));

/** Each field of a `pythons` entry and the rule its value must follow. */
const PYTHON_FIELDS: Record<keyof PythonCalibration, Check> = {
  interpreter: isText,
  path: isText,
  nsPerIteration: isCost,
  threadStartUs: isCost,
  forkStartUs: isCost,
  spawnStartUs: orNull(isCost),
  startMethod: isText,
  switchIntervalUs: orNull(isCost),
  holdUs: orNull(isCost),
  // Calibrations stored before subinterpreters were measured have none.
  interpreterStartUs: (value) => value === undefined || orNull(isCost)(value),
};
const isPythonEntry: Check = (value) =>
  typeof value === 'object' && value !== null && Object.entries(PYTHON_FIELDS).every(([field, check]) => check((value as Record<string, unknown>)[field]));

/** Each stored field and the rule its value must follow. */
const FIELDS: Record<keyof StoredCalibration, [Check, string]> = {
  version: [(value) => value === 1, '1'],
  measuredAt: [(value) => typeof value === 'string' && !Number.isNaN(Date.parse(value)), 'an ISO date'],
  node: [isText, 'a string'],
  nodeNsPerIteration: [isCost, 'a positive number'],
  cpythonNsPerIteration: [orNull(isCost), 'a positive number or null'],
  python: [orNull(isText), 'a string or null'],
  machine: [isText, 'a string'],
  startup: [(value) => value === undefined || orNull(isStartup)(value), 'start-up costs (threadUs, threadPoolUs, poolWorkers, processUs) or null'],
  pythons: [(value) => value === undefined || (Array.isArray(value) && value.every(isPythonEntry)), 'a list of interpreter calibrations'],
};

function invalid(path: string, problem: string): UsageError {
  return new UsageError(`calibration file ${quoteName(path)} ${problem}; rerun \`concur-tui calibrate\` to replace it`);
}

/**
 * Reads the calibration at `path` (a regular file, size-capped): null when there is none. A file that is not JSON or has a
 * field of the wrong type throws a UsageError naming the file and the fix.
 */
export function loadCalibration(path: string): StoredCalibration | null {
  const read = readBoundedText(path, READ_LIMITS.calibrationBytes, 'calibration file');
  if (read.type === 'missing') return null;
  const text = read.text;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw invalid(path, 'is not valid JSON');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw invalid(path, 'is not a JSON object');
  const record = data as Record<string, unknown>;
  for (const [field, [check, expected]] of Object.entries(FIELDS)) {
    if (!check(record[field])) throw invalid(path, `has a bad "${field}" (expected ${expected})`);
  }
  return data as StoredCalibration;
}

/** The emulator's view of a stored calibration; CPython falls back to the tutorial's figure. */
export function toCalibration(stored: StoredCalibration): Calibration {
  const day = stored.measuredAt.slice(0, 10);
  const cpython = stored.cpythonNsPerIteration;
  return {
    nodeNsPerIteration: stored.nodeNsPerIteration,
    cpythonNsPerIteration: cpython ?? TUTORIAL_CALIBRATION.cpythonNsPerIteration,
    nodeSource: `\`calibrate\` of ${day}`,
    source:
      cpython === null ? `this machine, ${day} (Node only; CPython from the tutorial)` : `this machine, ${day} (CPython ${cpython.toFixed(1)} ns/iteration)`,
  };
}
