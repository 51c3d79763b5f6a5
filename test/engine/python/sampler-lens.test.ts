import { describe, expect, it } from 'vitest';
import { findPreset, presetParams, type EmulatorParams, type Run } from '../../../src/engine/index.js';
import { medianHoldUs } from '../../../src/engine/python/hold-period.js';
import { SAMPLE_PERIOD_US } from '../../../src/engine/python/sample-period.js';
import { sampledTimeUs, throughSampler } from '../../../src/engine/python/sampler-lens.js';
import { emulateOne } from '../emulator/helpers.js';

const sampledHoldUs = (run: Run) => medianHoldUs(throughSampler(run));
const twoCounts = (params: Partial<EmulatorParams>) => emulateOne({ tasks: '500ms,500ms', strategy: 'threads', params });
const gilWaitUs = (run: Run, lane: number) =>
  run.spans.filter((span) => span.lane === lane && span.state === 'gil-wait').reduce((sum, span) => sum + span.endUs - span.startUs, 0);

describe('an emulated run seen through the real sampler', () => {
  it('shows holds longer than the sampling period as they are', () => {
    for (const switchIntervalUs of [5_000, 20_000]) {
      const run = twoCounts({ gil: 'new', switchIntervalUs });
      expect(Math.abs(sampledHoldUs(run) - medianHoldUs(run))).toBeLessThan(0.03 * medianHoldUs(run));
    }
  });

  it('cannot show a hold shorter than its period: PyPy’s 0.28 ms at a 1 ms interval reads as about one period (pypy3 here: 1,050 µs)', () => {
    const run = twoCounts({ ...presetParams(findPreset('pypy')!), cpuScalePermille: 1_000, switchIntervalUs: 1_000 });
    expect(medianHoldUs(run)).toBeLessThanOrEqual(500);
    expect(sampledHoldUs(run)).toBeGreaterThan(0.7 * SAMPLE_PERIOD_US);
    expect(sampledHoldUs(run)).toBeLessThan(1.5 * SAMPLE_PERIOD_US);
  });

  it('keeps a lane’s GIL wait: the convoy’s I/O thread waits about what the emulator says', () => {
    const run = emulateOne({ scenario: 'convoy', strategy: 'threads', params: { gil: 'new', switchIntervalUs: 5_000 } });
    const exact = gilWaitUs(run, 0);
    expect(exact).toBeGreaterThan(0);
    expect(Math.abs(sampledTimeUs(throughSampler(run), 0, 'gil-wait') - exact)).toBeLessThan(0.05 * exact);
  });

  it('is seeded: the same seed gives the same view, another seed samples at other instants', () => {
    const run = twoCounts({ gil: 'new', switchIntervalUs: 1_000 });
    expect(throughSampler(run, 3)).toEqual(throughSampler(run, 3));
    expect(throughSampler(run, 4).spans).not.toEqual(throughSampler(run, 3).spans);
  });
});
