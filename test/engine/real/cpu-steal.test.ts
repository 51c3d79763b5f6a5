import { describe, expect, it } from 'vitest';
import { stealBetween, stealUsFromProcStat } from '../../../src/engine/real/cpu-steal.js';

// The head of a 2-vCPU machine's /proc/stat (proc(5)): user nice system idle iowait irq softirq steal guest guest_nice.
const PROC_STAT = `cpu  1435897 0 139041 370417 674 0 2333 2409 0 0
cpu0 713743 0 69256 189739 378 0 1114 1209 0 0
cpu1 722153 0 69785 180678 295 0 1218 1199 0 0
intr 13767161 0 0 0
ctxt 2849300
`;

describe('stealUsFromProcStat', () => {
  it("reads the aggregate cpu line's 8th value, in USER_HZ ticks of 10 ms", () => {
    expect(stealUsFromProcStat(PROC_STAT)).toBe(2_409 * 10_000);
  });

  it('is null without a steal column (old kernels) or without an aggregate line', () => {
    expect(stealUsFromProcStat('cpu  1435897 0 139041 370417 674 0 2333\ncpu0 1 2 3 4 5 6 7 8\n')).toBeNull();
    expect(stealUsFromProcStat('cpu0 713743 0 69256 189739 378 0 1114 1209 0 0\n')).toBeNull();
    expect(stealUsFromProcStat('')).toBeNull();
  });
});

describe('stealBetween', () => {
  it('is the growth between two readings, unknown when either reading is', () => {
    expect(stealBetween(24_090_000, 24_130_000)).toBe(40_000);
    expect(stealBetween(null, 24_130_000)).toBeNull();
    expect(stealBetween(24_090_000, null)).toBeNull();
  });
});
