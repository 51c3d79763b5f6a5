import { availableParallelism } from 'node:os';
import { assertNever, probeInterpreter, TOLERANCE, verifyInterpreter, type VerifiedCase, type VerifyReport } from '../../engine/index.js';
import { MAX_REPEAT } from '../session-options.js';
import { alignColumns } from '../align-columns.js';
import { parseWhole } from '../values.js';

export interface VerifyFlags {
  python?: string[] | string | undefined;
  repeats?: string | undefined;
  json?: boolean | undefined;
}

function figure(value: number, unit: VerifiedCase['unit']): string {
  if (!Number.isFinite(value)) return '-';
  switch (unit) {
    case 'x':
      return `${value.toFixed(2)}x`;
    case 'ms':
      return `${value.toFixed(1)} ms`;
    case 'us':
      return value >= 10_000 ? `${(value / 1_000).toFixed(2)} ms` : `${Math.round(value)} us`;
    default:
      return assertNever(unit, 'unit');
  }
}

/** One interpreter's table: each case's real median, the emulated figure, their ratio and the verdict. */
export function formatVerifyReport(report: VerifyReport): string {
  const rows = report.cases.map((c) => [
    c.what,
    figure(c.realMedian, c.unit),
    figure(c.emulated, c.unit),
    Number.isFinite(c.ratio) ? c.ratio.toFixed(2) : '-',
    c.agrees ? 'agrees' : 'differs',
  ]);
  const heading =
    `${report.interpreter} (${report.path}) beside the emulator's ${report.preset} preset (from: ${report.basis}), ${report.cores} cores, ` +
    `real = median of ${report.repeats}; agrees = within ±${TOLERANCE * 100}%`;
  const table = alignColumns(['case', 'real', 'emulated', 'emu/real', 'verdict'], rows, new Set([1, 2, 3]));
  const resolutions = [...new Set(report.cases.flatMap((c) => (c.resolution === undefined ? [] : [figure(c.resolution, c.unit)])))];
  const resolutionNote = resolutions.map((resolution) => `note: figures read from the samples also agree within ${resolution}, the sampler's resolution`);
  return [heading, '', ...table, ...resolutionNote, ...report.notes.map((note) => `note: ${note}`)].join('\n');
}

/** `--python a,b` or `--python a b` (a flag given twice keeps its last value: command-line.ts); python3 by default. */
export function interpreterPaths(given: string[] | string | undefined): string[] {
  if (given === undefined) return ['python3'];
  return ([] as string[]).concat(given).flatMap((list) => list.split(',').filter((path) => path !== ''));
}

/** `concur-tui verify`: each interpreter's battery beside the emulator, as tables or JSON. */
export async function runVerify(flags: VerifyFlags): Promise<void> {
  const repeats = flags.repeats === undefined ? 3 : parseWhole(flags.repeats, 'repeats', 1, MAX_REPEAT);
  const pythons = interpreterPaths(flags.python).map((path) => probeInterpreter(path));
  const reports: VerifyReport[] = [];
  for (const python of pythons) {
    const onStep = (what: string) => process.stderr.isTTY && process.stderr.write(`verify ${python.path}: ${what}…\n`);
    reports.push(await verifyInterpreter(python, { cores: availableParallelism(), repeats, onStep }));
  }
  process.stdout.write(flags.json ? `${JSON.stringify({ schemaVersion: 1, reports })}\n` : `${reports.map(formatVerifyReport).join('\n\n')}\n`);
}
