import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, emulate, parseTasks, type Run } from '../../src/engine/index.js';
import { taskTableLines } from '../../src/ui/render/task-table-lines.js';
import { laneKeyOf, selectedIndex, steppedLane, viewLanes } from '../../src/ui/view-lanes.js';

const emulated = emulate({ workload: 't', tasks: parseTasks('10ms,io:5ms'), notes: [] }, ['sequential', 'threads', 'processes'], DEFAULT_PARAMS).runs;
const real = emulated
  .slice(0, 2)
  .map((run) => ({ ...run, source: 'real', setup: { runtime: 'node', coresGranted: 2, coresAsked: null, gil: 'none', gilLock: false } }) as Run);
const names = (lanes: ReturnType<typeof viewLanes>) => lanes.map(({ run, lane }) => `${run.source[0]}:${run.strategy}:${lane}`);

describe('the lanes of a view', () => {
  it('lists what each view draws, top to bottom', () => {
    expect(names(viewLanes('emulated', emulated, real))).toEqual([
      'e:sequential:0',
      'e:sequential:1',
      'e:threads:0',
      'e:threads:1',
      'e:processes:0',
      'e:processes:1',
    ]);
    expect(names(viewLanes('real', emulated, real))).toEqual(['r:sequential:0', 'r:sequential:1', 'r:threads:0', 'r:threads:1']);
    expect(names(viewLanes('side-by-side', emulated, real)).slice(0, 5)).toEqual([
      'e:sequential:0',
      'e:sequential:1',
      'r:sequential:0',
      'r:sequential:1',
      'e:threads:0',
    ]);
    expect(names(viewLanes('tasks', emulated, real))).toHaveLength(10);
  });

  it('↑/↓ step and stop at the ends; a lane of the other source finds its twin’s same task', () => {
    const lanes = viewLanes('emulated', emulated, real);
    expect(steppedLane(lanes, null, 1)).toEqual({ source: 'emulated', strategy: 'sequential', lane: 0 });
    expect(steppedLane(lanes, null, -1)).toEqual({ source: 'emulated', strategy: 'processes', lane: 1 });
    expect(steppedLane(lanes, { source: 'emulated', strategy: 'processes', lane: 1 }, 1)).toEqual({ source: 'emulated', strategy: 'processes', lane: 1 });
    expect(selectedIndex(lanes, { source: 'real', strategy: 'threads', lane: 1 })).toBe(3);
    expect(selectedIndex(viewLanes('real', emulated, real), laneKeyOf(lanes[4]!))).toBe(-1);
  });

  it('the task table scrolls to keep the selected lane in sight and says what is above and below', () => {
    const lanes = viewLanes('tasks', emulated, real);
    const lines = taskTableLines({ lanes, selected: 8, playheadUs: Number.POSITIVE_INFINITY, rows: 6, width: 80 });
    expect(lines).toHaveLength(6);
    expect(
      lines.filter((line) =>
        line
          .map((s) => s.text)
          .join('')
          .startsWith('▶'),
      ),
    ).toHaveLength(1);
    expect(
      lines
        .at(-2)!
        .map((s) => s.text)
        .join(''),
    ).toMatch(/^▶threads real\s+T1 /);
    expect(
      lines
        .at(-1)!
        .map((s) => s.text)
        .join(''),
    ).toBe('5 above, 1 below: ↑/↓ to scroll');
    // Before playback reaches a task's finish, its emulated figures are not shown yet.
    const early = taskTableLines({ lanes, selected: -1, playheadUs: 0, rows: 12, width: 80 });
    expect(early[1]!.map((s) => s.text).join('')).toMatch(/^ sequential\s+T1\s+…\s+…/);
  });
});
