// The emulator's own modules, not the engine's door (index.ts): this process only emulates, and
// loading the whole engine (real runs, Python) would double its start-up, which the dashboard's
// first picture waits for.
import { emulateRun } from '../engine/emulator/emulate.js';
import { toWire } from '../engine/wire-run.js';
import type { EmulationAnswer, EmulationRequest } from './emulation-child.js';
import { MAX_DRAWN_SPANS } from './emulation-process.js';

/*
 * The dashboard's emulation process: emulates the runs asked for, one answer per run as it is
 * done, then `done`. The emulator is pure, so a run made here is the run the dashboard's own
 * thread would make, byte for byte. The dashboard kills this process to cancel (a key that needs
 * something else), so nothing here ever checks for it; when the dashboard is gone, so is it.
 */
const count = (n: number) => n.toLocaleString('en-US');
const answer = (message: EmulationAnswer) => process.send?.(message);
// spawnEmulationProcess starts this process with EMULATION_V8_FLAGS: without them, say so rather than leave the garbage.
const collectGarbage = globalThis.gc;
if (collectGarbage === undefined) throw new Error('the emulation process needs --expose-gc (EMULATION_V8_FLAGS)');
/** The job's last answer, then, once it is on its way (a collection before would delay it), the job's garbage goes. */
const answerLast = (message: EmulationAnswer) => process.send?.(message, () => collectGarbage());

function emulateAll({ tasks, runs }: EmulationRequest): void {
  try {
    for (const { key, strategy, params } of runs) {
      const { run } = emulateRun(tasks, strategy, params);
      if (run.spans.length > MAX_DRAWN_SPANS) {
        const why = `${strategy} has ${count(run.spans.length)} spans, more than the dashboard draws (${count(MAX_DRAWN_SPANS)}): use a longer time slice (→) or shorter tasks`;
        return void answerLast({ type: 'failed', message: why });
      }
      answer({ type: 'run', key, run: toWire(run) });
    }
    answerLast({ type: 'done' });
  } catch (error) {
    answerLast({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}

process.on('message', (request) => emulateAll(request as EmulationRequest));
// The dashboard's end closes the channel: nothing is left to emulate for.
process.on('disconnect', () => process.exit(0));
