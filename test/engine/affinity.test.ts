import { describe, expect, it } from 'vitest';
import { allowedCpus, parseCpuList, planAffinity, withAffinity, type AffinityHost } from '../../src/engine/affinity.js';

const linux = (allowed: number[], taskset: string | null = '/usr/bin/taskset'): AffinityHost => ({ platform: 'linux', allowed, taskset });

describe('planAffinity', () => {
  it('pins to the first N CPUs this process may use', () => {
    expect(planAffinity(1, linux([0, 1]))).toEqual({ asked: 1, cpus: [0], taskset: '/usr/bin/taskset', unavailable: null });
    expect(planAffinity(2, linux([2, 3, 6]))).toMatchObject({ cpus: [2, 3], unavailable: null });
  });

  it('leaves a run unpinned when nothing was asked, or all the cores were', () => {
    expect(planAffinity(null, linux([0, 1]))).toEqual({ asked: null, cpus: null, taskset: null, unavailable: null });
    expect(planAffinity(2, linux([0, 1]))).toEqual({ asked: 2, cpus: null, taskset: null, unavailable: null });
  });

  it('says in one line why a run cannot be limited, and that it uses every core', () => {
    expect(planAffinity(4, linux([0, 1])).unavailable).toBe('4 cores asked, but this process may use only 2: real runs use all 2 cores');
    expect(planAffinity(1, linux([0, 1], null)).unavailable).toBe('1 core asked, but taskset (util-linux) is not on the PATH: real runs use all 2 cores');
    expect(planAffinity(1, { platform: 'darwin', allowed: [0, 1], taskset: null }).unavailable).toBe(
      '1 core asked, but CPU affinity needs Linux (this is darwin): real runs use all 2 cores',
    );
  });
});

describe('withAffinity', () => {
  it('starts the command under taskset when pinned, unchanged otherwise', () => {
    const pinned = planAffinity(1, linux([4, 5]));
    expect(withAffinity(pinned, 'python3', ['-I', 'h.py'])).toEqual({ command: '/usr/bin/taskset', args: ['-c', '4', 'python3', '-I', 'h.py'] });
    expect(withAffinity(planAffinity(null, linux([0])), 'python3', ['h.py'])).toEqual({ command: 'python3', args: ['h.py'] });
    expect(withAffinity(undefined, 'node', [])).toEqual({ command: 'node', args: [] });
  });
});

describe('CPU lists', () => {
  it('parses the kernel list format', () => {
    expect(parseCpuList('0-2,5,7-8')).toEqual([0, 1, 2, 5, 7, 8]);
    expect(parseCpuList('3')).toEqual([3]);
  });

  it.runIf(process.platform === 'linux')('reads this process’s own CPUs from /proc', () => {
    expect(allowedCpus('self')!.length).toBeGreaterThan(0);
    expect(allowedCpus(2 ** 30)).toBeNull();
  });
});
