import { emulateRun } from '../../src/engine/emulator/emulate.js';
import { peerParams, peerTasks, type PeerCase } from './peer-case.js';

// One emulation in a fresh process, timed alone: the emulator's first run (cold JIT), which is
// what a user pays; argv[2] is the case as JSON. Prints {"runMs", "cpuMs", "makespanUs", "handoffs"}:
// cpuMs is the process's CPU time over the run (every thread: GC and compiler threads too), which
// a loaded machine disturbs less than the wall time.
const peerCase = JSON.parse(process.argv[2]!) as PeerCase;
const tasks = peerTasks(peerCase);
const params = peerParams(peerCase);
const cpuBefore = process.cpuUsage();
const started = performance.now();
const { run } = emulateRun(tasks, 'threads', params);
const runMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const cpuMs = (cpu.user + cpu.system) / 1_000;
process.stdout.write(`${JSON.stringify({ runMs, cpuMs, makespanUs: run.elapsedUs, handoffs: run.gilHandoffs })}\n`);
