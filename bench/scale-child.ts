/**
 * One emulation in a process of its own, for `npm run bench -- emulator-scale`: the build to use
 * (this one or the baseline's) is the first argument, so both sides run the same case the same
 * way. Prints one JSON line: events, CPU and wall ms of the emulation, peak RSS (the run's spans
 * are not read: with columns, no Span object is made).
 * `node scale-child.js DIST threads N` (N CPU threads of 20 ms under the new GIL, 2 cores) or
 * `node scale-child.js DIST long SECONDS` (two CPU threads, 100 µs switch interval); a last
 * argument `scheduled` defers no event (KernelOptions), to count what deferring saves. The
 * fast-forward of steady states is off on both: this measures what an event costs, and the
 * long case is a steady state that it would skip (`npm run bench -- simpy` measures that).
 */
import { pathToFileURL } from 'node:url';
import type * as Emulate from '../src/engine/emulator/emulate.js';
import type * as Engine from '../src/engine/index.js';

const [dist, kind, size, mode] = process.argv.slice(2);
if (!dist || (kind !== 'threads' && kind !== 'long') || !size) {
  process.stderr.write('usage: scale-child.js DIST threads|long N\n');
  process.exit(2);
}
const root = pathToFileURL(`${dist}/`);
const { emulateRun } = (await import(new URL('src/engine/emulator/emulate.js', root).href)) as typeof Emulate;
const { DEFAULT_PARAMS } = (await import(new URL('src/engine/index.js', root).href)) as typeof Engine;

const count = Number(size);
const tasks =
  kind === 'threads'
    ? Array.from({ length: count }, (_, i) => ({ name: `T${i + 1}`, arrivalUs: 0, phases: [{ kind: 'cpu' as const, us: 20_000 }] }))
    : ['A', 'B'].map((name) => ({ name, arrivalUs: 0, phases: [{ kind: 'cpu' as const, us: count * 1_000_000 }] }));
const params = kind === 'threads' ? DEFAULT_PARAMS : { ...DEFAULT_PARAMS, switchIntervalUs: 100 };

const cpuBefore = process.cpuUsage();
const wallBefore = performance.now();
const { events } = emulateRun(tasks, 'threads', params, { deferEvents: mode !== 'scheduled', fastForward: false });
const cpu = process.cpuUsage(cpuBefore);
const wallMs = performance.now() - wallBefore;
process.stdout.write(`${JSON.stringify({ events, cpuMs: (cpu.user + cpu.system) / 1_000, wallMs, peakRssBytes: process.resourceUsage().maxRSS * 1_024 })}\n`);
