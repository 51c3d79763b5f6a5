import type { ScriptStep } from './scripted-frames.js';

const TAB = '\t';
/** Each chapter plays its picture once (count plays in 4 s at speed 1) and lets it sink in. */
const CHAPTER_MS = 6_500;

const chapter = (text: string, keys: string[]): ScriptStep[] => [
  { type: 'narrate', text },
  { type: 'keys', keys },
  { type: 'sleep', ms: CHAPTER_MS },
];

/**
 * `concur-tui demo`: the tutorial's story in six chapters, about 45 s — sequential, threads
 * under the GIL, processes, async on I/O, free-threaded CPython, the convoy effect. It starts
 * on the count scenario with the default machine (2 cores, CPython's GIL). Each caption fits
 * one line of 80 columns, the size the README records it at.
 */
export const DEMO_TOUR: readonly ScriptStep[] = [
  ...chapter('1/6 Sequential: two CPU-bound counts of 100 M, one after the other: 25.9 s.', ['0']),
  ...chapter('2/6 Threads under the GIL take turns: each core is busy only half the time (·).', [TAB, TAB, TAB, '0']),
  ...chapter('3/6 Processes: a GIL each, both cores busy: half the time, plus start-up.', [TAB, '0']),
  ...chapter('4/6 Async and threads on I/O: the waits overlap; elapsed = the longest sleep.', ['3']),
  ...chapter('5/6 Free-threaded 3.13t: no GIL, threads run in parallel (each 1.4× slower).', ['2', 'i', 'i']),
  ...chapter('6/6 The convoy effect: the I/O thread waits ~5ms for the GIL after each I/O.', ['6']),
  { type: 'narrate', text: 'That was the tour. Run concur-tui and press ? to explore with the keys.' },
  { type: 'sleep', ms: 3_000 },
];
