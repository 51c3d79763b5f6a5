import { QUERY_SEND_US } from '../../workloads/query.js';
import { emulate } from '../emulator/emulate-all.js';
import type { EmulatorParams } from '../emulator/params.js';
import { createPrng } from '../emulator/prng.js';
import type { Phase } from '../task-spec.js';
import { sampledTimeUs, throughSampler } from './sampler-lens.js';

/** verify's convoy case, emulated: the harness's round trip beside a CPU thread. */

/** Round trips of the convoy case, real and emulated. */
export const CONVOY_ROUND_TRIPS = 1_000;
/**
 * How far an emulated round trip's wait may be from the measured mean, either way (a share of it):
 * real ones alone spread p25–p75 1.40–1.70 ms around 1.44 ms (python3, loaded machine, 500 trips).
 */
const WAIT_SPREAD = 0.25;

/**
 * One emulated round trip, the same as the harness's (harness.py query, on the connection its
 * thread keeps): Python code, a send (a call that returns at once, releasing the GIL and taking
 * it back), the wait for the answer (released again; it comes after the send, so a thread that
 * waited for the GIL after the send finds it there and only releases briefly), Python code —
 * the time measured alone (`aloneUs`), with a little of it on each side as code that needs the GIL. (A connect and a
 * close per query would release it twice more, each a chance to lose it for an interval: the
 * harness keeps its connection, as a pool does.)
 *
 * Real answers vary (the server's timer, the scheduler): a train of identical trips would lock
 * to a GIL that yields on a fixed period (PyPy's), reading anywhere from 0.1 to 1.9 ms a trip
 * with the alone time. A spread of ±WAIT_SPREAD around the measured mean, drawn from `random`,
 * stands for that variation; under CPython's GIL it changes little (its wait is the switch interval).
 */
export function convoyRoundTrip(aloneUs: number, random: () => number): Phase[] {
  const codeUs = Math.max(1, Math.min(50, Math.round(aloneUs / 4)));
  const sendUs = Math.max(1, Math.min(QUERY_SEND_US, Math.round(aloneUs / 8)));
  const waitUs = Math.max(1, Math.round(aloneUs) - 2 * codeUs - sendUs - 1);
  return [
    { kind: 'cpu', us: codeUs },
    { kind: 'io', us: sendUs, syscall: true },
    { kind: 'cpu', us: 1 },
    { kind: 'io', us: Math.max(1, Math.round(waitUs * (1 - WAIT_SPREAD + 2 * WAIT_SPREAD * random()))), reply: true },
    { kind: 'cpu', us: codeUs },
  ];
}

/** The emulated twin's GIL wait per round trip (convoyRoundTrip) beside a CPU thread, read through the sampler. */
export function emulatedConvoyWaitUs(params: EmulatorParams, aloneUs: number): number {
  const random = createPrng(params.seed);
  const trips = Array.from({ length: CONVOY_ROUND_TRIPS }, () => convoyRoundTrip(aloneUs, random)).flat();
  const tasks = [trips, [{ kind: 'cpu' as const, us: 60_000_000 }]].map((phases, i) => ({ name: `T${i + 1}`, arrivalUs: 0, phases }));
  const run = emulate({ workload: 'verify', tasks, notes: [] }, ['threads'], params).runs[0]!;
  return sampledTimeUs(throughSampler(run), 0, 'gil-wait') / CONVOY_ROUND_TRIPS;
}
