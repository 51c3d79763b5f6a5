import { describe, expect, it } from 'vitest';
import { POLICIES, type Policy } from '../../../src/engine/index.js';
import { emulateOne, rtw } from './helpers.js';

/** Threads on one core, no GIL, free context switches: the textbook's machine. */
function textbook(policy: Policy, tasks: string, quantumUs = 1_000) {
  return rtw(emulateOne({ tasks, strategy: 'threads', params: { gil: 'none', cores: 1, switchCostUs: 0, policy, quantumUs } }));
}

// OSTEP chapter 7 ("Scheduling: Introduction"): [response, turnaround, wait] per job, in µs.
describe('textbook scheduling on one core, no GIL, free context switches', () => {
  it('FIFO runs jobs in arrival order: 100, 200, 300', () => {
    expect(textbook('fifo', '100ms,100ms,100ms')).toEqual([
      [0, 100_000, 0],
      [100_000, 200_000, 100_000],
      [200_000, 300_000, 200_000],
    ]);
  });

  it('FIFO suffers the convoy of a long first job: average turnaround 110', () => {
    const result = textbook('fifo', '100ms,10ms,10ms');
    expect(result).toEqual([
      [0, 100_000, 0],
      [100_000, 110_000, 100_000],
      [110_000, 120_000, 110_000],
    ]);
    expect(result.reduce((sum, [, turnaround]) => sum + turnaround!, 0) / 3).toBe(110_000);
  });

  it('SJF runs the short jobs first: average turnaround 50', () => {
    const result = textbook('sjf', '100ms,10ms,10ms');
    expect(result).toEqual([
      [20_000, 120_000, 20_000],
      [0, 10_000, 0],
      [10_000, 20_000, 10_000],
    ]);
    expect(result.reduce((sum, [, turnaround]) => sum + turnaround!, 0) / 3).toBe(50_000);
  });

  it('SJF is not preemptive: a short job arriving later waits for the long one', () => {
    expect(textbook('sjf', '100ms,10ms@10ms,10ms@10ms')).toEqual([
      [0, 100_000, 0],
      [90_000, 100_000, 90_000],
      [100_000, 110_000, 100_000],
    ]);
  });

  it('round robin with a 1 ms slice: response 0, 1, 2 and turnaround 13, 14, 15', () => {
    expect(textbook('rr', '5ms,5ms,5ms', 1_000)).toEqual([
      [0, 13_000, 8_000],
      [1_000, 14_000, 9_000],
      [2_000, 15_000, 10_000],
    ]);
  });

  it('round robin with a slice longer than every job is FIFO', () => {
    expect(textbook('rr', '5ms,5ms,5ms', 10_000)).toEqual(textbook('fifo', '5ms,5ms,5ms'));
  });

  it('ties keep task order under every policy', () => {
    for (const policy of POLICIES) {
      const result = textbook(policy, '3ms,3ms,3ms', 3_000);
      expect(result.map(([response]) => response)).toEqual([0, 3_000, 6_000]);
    }
  });

  it('a job arriving as a slice ends joins the queue before the preempted job', () => {
    // A runs 0-2; B arrives at 2 and runs before A resumes.
    expect(textbook('rr', '4ms,2ms@2ms', 2_000)).toEqual([
      [0, 6_000, 2_000],
      [0, 2_000, 0],
    ]);
  });

  it('I/O overlaps with another job: OSTEP’s "incorporating I/O" example', () => {
    // A: 5 × (10 ms CPU + 10 ms I/O) ... simplified to two bursts; B: 50 ms CPU (STCF-free RR with a 10 ms slice).
    const [a, b] = textbook('rr', 'cpu:10ms+io:10ms+cpu:10ms,cpu:30ms', 10_000);
    // A runs 0-10, I/O 10-20 while B runs 10-20, B goes on 20-30 (A waits), A runs 30-40, B 40-50.
    expect(a).toEqual([0, 40_000, 10_000]);
    expect(b).toEqual([10_000, 50_000, 20_000]);
  });
});
