import { pathToFileURL } from 'node:url';
import type { emulateRun as EmulateRun } from '../../src/engine/emulator/emulate.js';
import { peerParams, peerTasks, type PeerCase } from './peer-case.js';

// One emulation in a fresh process, timed alone: the emulator's first run (cold JIT), which is
// what a user pays. argv[2] is the case as JSON; argv[3], when given, is another build's compiled
// `emulate.js` to time instead of this one's (the bench's before: `emulateRun` has kept its
// signature since d2a35a3). Prints {"runMs", "cpuMs", "makespanUs", "handoffs"}: cpuMs is the process's CPU time over the run (every thread: GC and compiler threads too), which
// a loaded machine disturbs less than the wall time.
const peerCase = JSON.parse(process.argv[2]!) as PeerCase;
const emulator = process.argv[3] === undefined ? new URL('../../src/engine/emulator/emulate.js', import.meta.url) : pathToFileURL(process.argv[3]);
const { emulateRun } = (await import(emulator.href)) as { emulateRun: typeof EmulateRun };
const tasks = peerTasks(peerCase);
const params = peerParams(peerCase);
const cpuBefore = process.cpuUsage();
const started = performance.now();
const { run } = emulateRun(tasks, 'threads', params);
const runMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const cpuMs = (cpu.user + cpu.system) / 1_000;
process.stdout.write(`${JSON.stringify({ runMs, cpuMs, makespanUs: run.elapsedUs, handoffs: run.gilHandoffs })}\n`);
