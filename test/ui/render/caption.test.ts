import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, SCENARIOS, TUTORIAL_CALIBRATION, emulate, scenarioTasks, type EmulatorParams } from '../../../src/engine/index.js';
import { caption } from '../../../src/ui/render/caption.js';

/** The dashboard's caption for a scenario on its own machine, with some parameters changed. */
function captionFor(name: string, change: Partial<EmulatorParams> = {}): string {
  const scenario = SCENARIOS.find((candidate) => candidate.name === name)!;
  const params = { ...DEFAULT_PARAMS, ...scenario.machine, ...change };
  const input = { workload: name, tasks: scenarioTasks(scenario, TUTORIAL_CALIBRATION), notes: [] };
  return caption(emulate(input, ['sequential', 'threads', 'processes', 'async'], params), params);
}

describe('dashboard caption', () => {
  it("tells the convoy scenario's lesson: the I/O thread waits about a switch interval per I/O", () => {
    expect(captionFor('convoy')).toBe('Convoy effect: io-bound waits 4.75ms per I/O for the GIL (switch interval 5ms).');
    expect(captionFor('convoy', { switchIntervalUs: 10_000 })).toMatch(
      /^Convoy effect: io-bound waits 9\.\d+ms per I\/O for the GIL \(switch interval 10ms\)\.$/,
    );
  });

  it('says nothing of a convoy when there is no GIL to wait for', () => {
    expect(captionFor('convoy', { gil: 'none' })).not.toMatch(/Convoy/);
  });

  it('tells juggle (one core) the turns its trace shows: threads 4 + 8 ms under the GIL, processes one 4 ms slice', () => {
    expect(captionFor('juggle')).toBe('One core: threads take 12ms turns (4ms + 8ms), processes 4ms; nothing runs in parallel.');
    expect(captionFor('juggle', { gil: 'none' })).toBe('One core: threads take 4ms turns, processes 4ms; nothing runs in parallel.');
    expect(captionFor('count', { cores: 1 })).toMatch(/^One core: /);
  });

  it('measures the turns from the trace, so a shorter slice gives shorter turns', () => {
    expect(captionFor('juggle', { quantumUs: 2_000, gil: 'none' })).toBe('One core: threads take 2ms turns, processes 2ms; nothing runs in parallel.');
  });

  it('tells compress that zlib releases the GIL, so threads overlap', () => {
    expect(captionFor('compress')).toMatch(/^zlib releases the GIL while compressing: threads overlap \(threads 1\.\d\d× sequential\)\.$/);
  });

  it('keeps the general lessons for the scenarios made for them', () => {
    expect(captionFor('count')).toBe('threads 0.99× sequential: the GIL lets one thread run Python at a time.');
    expect(captionFor('count', { gil: 'none' })).toMatch(/^No GIL: threads run in parallel on 2 cores/);
    expect(captionFor('sleep')).toMatch(/^I\/O overlaps/);
    expect(captionFor('add-sub', { cores: 1 })).toMatch(/^Processes lose here/);
  });

  it('never claims processes use the cores when they gained nothing', () => {
    expect(captionFor('convoy', { gil: 'none' })).not.toMatch(/^Processes: /);
  });
});
