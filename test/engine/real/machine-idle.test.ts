import { describe, expect, it } from 'vitest';
import { idleUsFromUptime, machineWindow, readIdle } from '../../../src/engine/real/machine-idle.js';

describe('machine idle time: /proc/uptime', () => {
  it('reads the second figure, every CPU summed, in µs; nothing from text without it', () => {
    expect(idleUsFromUptime('2348.26 1158.96\n')).toBe(1_158_960_000);
    expect(idleUsFromUptime('2348.26\n')).toBeNull();
    expect(idleUsFromUptime('')).toBeNull();
  });

  it('a window between two readings is their difference, over every online CPU; none when either is missing or it is empty', () => {
    const window = machineWindow({ atUs: 100, idleUs: 5_000 }, { atUs: 10_100, idleUs: 12_000 });
    expect(window).toMatchObject({ fromUs: 100, toUs: 10_100, idleUs: 7_000 });
    expect(window!.cpus).toBeGreaterThanOrEqual(1);
    expect(machineWindow(null, { atUs: 1, idleUs: 0 })).toBeUndefined();
    expect(machineWindow({ atUs: 5, idleUs: 0 }, { atUs: 5, idleUs: 0 })).toBeUndefined();
  });

  it('reads this machine where it has /proc/uptime', () => {
    const reading = readIdle(42);
    if (process.platform !== 'linux') return expect(reading).toBeNull();
    expect(reading!.atUs).toBe(42);
    expect(reading!.idleUs).toBeGreaterThanOrEqual(0);
  });
});
