import { geometric } from './prng.js';

/**
 * The numbers of CPython 2.7's "GIL battle" on several cores (Beazley, "Inside the Python GIL",
 * 2009), measured with 2.7.18 on this project's 2-vCPU machine (CONFIG_HZ=250), and how a
 * stretch of it is drawn. Where a figure is fitted rather than measured, it says so.
 */

/**
 * Time of one bytecode "tick" of 2.7 on the count loop: `_Py_Ticker` read through ctypes drops 3
 * per iteration of `for i in range(n): total = total + i`, which takes 77 ns an iteration here.
 */
export const OLD_GIL_TICK_NS = 25;

/** 2.7's time between two checks, each a release and re-acquire of the GIL (sys.setcheckinterval). */
export function oldGilCheckPeriodNs(checkInterval: number): number {
  return Math.max(1, checkInterval * OLD_GIL_TICK_NS);
}

/**
 * Chance that a waiter awake on another core takes the GIL at one check of the default 100 ticks.
 * At each check the holder's sem_post wakes it, but the holder's sem_wait follows within
 * nanoseconds while the waiter needs a wake-up on its core first: it mostly finds the lock taken
 * again and sleeps. 1/12 gives a mean hold of ~35 µs with one rival: the GIL changed hands
 * 10–50 k times a second between two threads on 2 cores here (a shared "last runner" variable
 * counted the changes), ~90 k/s among four.
 */
export const OLD_GIL_RACE_WIN = 1 / 14;

/**
 * Time of each hand-off between cores in which no bytecode runs: the winner starts on caches the
 * loser warmed, the loser pays a futex sleep. Fitted, with CHECK_OVERHEAD, to the medians of
 * verify on quiet machines with 2.7.18 on 2 cores: two CPU threads 1.50× and 1.60× sequential
 * (median of 5 and of 3; a probe 1.40–1.46×), four 1.95× and 2.25× (a probe 1.93×). Two knobs for
 * two figures: the hand-off cost grows with the racers (four threads), the check overhead does not.
 */
export const HANDOFF_COST_US = 5;

/**
 * The holder's work slows by this share while a waiter races it: each check's sem_post makes a
 * futex_wake system call because a waiter is registered (a check every ~2.5 µs), and the lock's
 * cache line bounces between the cores. On one core the same wake-ups cost nothing measurable
 * (two threads 0.98–1.00× sequential), so the share is charged only to a race.
 */
export const CHECK_OVERHEAD = 0.3;

/** Work lost in a stretch never exceeds this share of it: progress never stops entirely. */
const MAX_LOSS = 0.8;

/**
 * A battle between CPU-bound threads is drawn in rounds of this length instead of hold by hold
 * (~30 µs): the real runtime samples a thread every ~1 ms, so neither side shows finer
 * alternation, and a 25 s count stays ~25 k events instead of ~2 M spans. The round's hand-offs
 * are counted; its holder on screen is the one holding at its end.
 */
export const BATTLE_ROUND_US = 1_000;

/** Chance that one of `racers` waiters wins at a check. */
export function winChance(checkInterval: number, racers: number): number {
  const perRacer = Math.min(1, OLD_GIL_RACE_WIN * (checkInterval / 100));
  return 1 - (1 - perRacer) ** racers;
}

/** The mean of a single race's hold (drawHoldUs against one rival), in µs. */
export function singleRaceHoldUs(checkInterval: number): number {
  return oldGilCheckPeriodNs(checkInterval) / 1_000 / winChance(checkInterval, 1);
}

/** How long the holder keeps the GIL against `racers` waiters before one wins, in µs (≥ 1). */
export function drawHoldUs(random: () => number, checkInterval: number, racers: number): number {
  const checks = geometric(random, winChance(checkInterval, racers));
  return Math.max(1, Math.round((checks * oldGilCheckPeriodNs(checkInterval)) / 1_000));
}

/**
 * Hand-offs in `roundUs` of battle: Binomial(checks, p), drawn as a sum of geometric gaps for a
 * few expected wins and by the normal approximation beyond (mean > 30), so a round stays O(1).
 */
export function drawHandoffs(random: () => number, checkInterval: number, racers: number, roundUs: number): number {
  const p = winChance(checkInterval, racers);
  const checks = Math.floor((roundUs * 1_000) / oldGilCheckPeriodNs(checkInterval));
  const mean = checks * p;
  if (mean > 30) {
    const u = Math.max(Number.MIN_VALUE, random());
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
    return Math.min(checks, Math.max(0, Math.round(mean + z * Math.sqrt(mean * (1 - p)))));
  }
  let wins = 0;
  for (let at = geometric(random, p); at <= checks; at += geometric(random, p)) wins++;
  return wins;
}

/**
 * Of `heldUs` of battle with `handoffs` hand-offs, the part that did no work (in µs): each
 * hand-off's HANDOFF_COST_US, and the rest slowed by CHECK_OVERHEAD.
 */
export function lostUs(heldUs: number, handoffs: number): number {
  const workUs = Math.max((1 - MAX_LOSS) * heldUs, (heldUs - handoffs * HANDOFF_COST_US) / (1 + CHECK_OVERHEAD));
  return Math.round(heldUs - workUs);
}

/**
 * Who holds after `handoffs` hand-offs among `battlers` (holder first), each hand-off going to a
 * uniformly drawn other thread. Two alternate exactly; among more, the holder after 16 steps is
 * already about uniform, so longer chains stop there.
 */
export function finalHolder<T>(random: () => number, battlers: readonly T[], handoffs: number): T {
  let at = 0;
  const n = battlers.length;
  const steps = n === 2 ? handoffs % 2 : Math.min(handoffs, 16);
  for (let step = 0; step < steps; step++) at = (at + 1 + Math.floor(random() * (n - 1))) % n;
  return battlers[at]!;
}
