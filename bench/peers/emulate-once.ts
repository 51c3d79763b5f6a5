import { emulateRun } from '../../src/engine/emulator/emulate.js';
import { peerParams, peerTasks, type PeerCase } from './peer-case.js';

// One emulation in a fresh process, timed alone: the emulator's first run (cold JIT), which is
// what a user pays; argv[2] is the case as JSON. Prints {"runMs", "makespanUs", "handoffs"}.
const peerCase = JSON.parse(process.argv[2]!) as PeerCase;
const tasks = peerTasks(peerCase);
const params = peerParams(peerCase);
const started = performance.now();
const { run } = emulateRun(tasks, 'threads', params);
const runMs = performance.now() - started;
process.stdout.write(`${JSON.stringify({ runMs, makespanUs: run.elapsedUs, handoffs: run.gilHandoffs })}\n`);
