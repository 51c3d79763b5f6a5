import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';

/**
 * Most spans of one run the dashboard takes from its emulation process: turning columns back
 * into span objects costs ≈ 0.1 µs a span here, and every frame scans them. Beyond it, the run
 * is refused with the limit named, as an export is.
 */
export const MAX_DRAWN_SPANS = 1_000_000;

/** The built entry (also when this module runs from source under vitest, as the real engine's entries). */
function entryFile(): string {
  const here = fileURLToPath(import.meta.url);
  const path = here.endsWith('.ts')
    ? fileURLToPath(new URL('../../dist/src/ui/emulation-child-entry.js', import.meta.url))
    : fileURLToPath(new URL('./emulation-child-entry.js', import.meta.url));
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first`);
  return path;
}

/**
 * The process collects its garbage itself as soon as a job is answered (`gc`), instead of V8's
 * memory reducer doing it 8–16 s later: that woke the idle process for three collections
 * (~25 ms of CPU after count's first picture), in the middle of whatever the dashboard was then
 * playing, whose frames pay for every process of the dashboard.
 */
export const EMULATION_V8_FLAGS = ['--no-memory-reducer', '--expose-gc'];

/** Nice 4: about 0.4 of the dashboard's share of a busy core (10 starved it behind real runs). */
const EMULATION_NICE = 4;

/**
 * Starts a dashboard emulation process (emulation-child-entry.ts), idle until asked. Apart from
 * `EmulationChild` and free of the engine, so the dashboard can start one first thing — its
 * start-up (Node's, ~50–150 ms) then overlaps the dashboard's own loading. An idle child never
 * keeps the dashboard alive, and ends when the dashboard does (its channel closes).
 */
export function spawnEmulationProcess(): ChildProcess {
  // No inherited flags (`-e SCRIPT`); nothing on the terminal; structured clone for typed arrays.
  // Without NODE_EXTRA_CA_CERTS: it never opens a connection, and reading the file costs every start ~100 ms here.
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  const child = fork(entryFile(), [], { execArgv: EMULATION_V8_FLAGS, env, stdio: ['ignore', 'ignore', 'ignore', 'ipc'], serialization: 'advanced' });
  // Keys and frames come first: on a busy machine the emulation yields the cores to them.
  if (child.pid !== undefined) lowerPriority(child.pid);
  child.unref();
  child.channel?.unref();
  return child;
}

function lowerPriority(pid: number): void {
  try {
    setPriority(pid, EMULATION_NICE);
  } catch {
    // Not allowed here (a container's policy): the emulation then competes at the same priority.
  }
}
