import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, TUTORIAL_CALIBRATION, emulate, findScenario, formatDuration, scenarioTasks, type Run } from '../../../src/engine/index.js';
import { createProgram } from '../../../src/ui/program/program.js';
import { inspectorLines } from '../../../src/ui/render/lane-inspector.js';
import { lineText } from '../../../src/ui/render/line.js';
import { countModel, key, scenarioSetup } from '../program/setup.js';

function runsOf(scenario: string): Run[] {
  const found = findScenario(scenario)!;
  return emulate({ workload: scenario, tasks: scenarioTasks(found, TUTORIAL_CALIBRATION), notes: [] }, ['sequential', 'threads'], {
    ...DEFAULT_PARAMS,
    ...found.machine,
  }).runs;
}

/** The time spent in `state` by the lane, from the spans. */
const timeIn = (run: Run, lane: number, state: string) =>
  run.spans.filter((span) => span.lane === lane && span.state === state).reduce((sum, span) => sum + span.endUs - span.startUs, 0);

describe('the lane inspector', () => {
  it("shows each lane's response, turnaround and CPU time as the trace's task metrics give them, and its wait by state", () => {
    for (const run of [...runsOf('convoy'), ...runsOf('count')]) {
      run.tasks.forEach((task, lane) => {
        const text = inspectorLines({ run, lane }, 400, 3).map(lineText).join('\n');
        expect(text).toContain(`${run.strategy} ${task.name} (emulated)`);
        expect(text).toContain(`response ${formatDuration(task.responseUs)} `);
        expect(text).toContain(`turnaround ${formatDuration(task.turnaroundUs)} `);
        expect(text).toContain(`CPU ${formatDuration(task.cpuUs)} `);
        expect(text).toContain(`ready ${formatDuration(timeIn(run, lane, 'ready'))} `);
        expect(text).toContain(`gil-wait ${formatDuration(timeIn(run, lane, 'gil-wait'))} `);
        expect(text).toContain(`io ${formatDuration(timeIn(run, lane, 'io'))} `);
        // ready + gil-wait is the task's wait.
        expect(timeIn(run, lane, 'ready') + timeIn(run, lane, 'gil-wait')).toBe(task.waitUs);
      });
    }
  });

  it('the convoy: the I/O thread turns around in 120 ms under the GIL, waiting for it most of the time', () => {
    const [sequential, threads] = runsOf('convoy');
    const io = inspectorLines({ run: threads!, lane: 0 }, 80, 3).map(lineText);
    expect(io).toHaveLength(3);
    expect(io.every((line) => line.length <= 80)).toBe(true);
    expect(io.join('\n')).toMatch(/turnaround 120ms .*\n.*GIL 98%.*\n.*took GIL 19× +hold 153us median, 153us longest/);
    expect(inspectorLines({ run: sequential!, lane: 0 }, 80, 3).map(lineText).join(' ')).toContain('turnaround 23.1ms');
  });

  it('leaves out what does not fit its lines, never cutting a figure', () => {
    const [, threads] = runsOf('convoy');
    const lines = inspectorLines({ run: threads!, lane: 0 }, 60, 2).map(lineText);
    expect(lines).toHaveLength(2);
    expect(lines.every((line) => line.length <= 60)).toBe(true);
    expect(lines.join(' ')).not.toContain('hold');
    expect(lines.join(' ')).toMatch(/turnaround 120ms/);
  });
});

describe('selecting a lane in the dashboard', () => {
  const program = () => createProgram({ setupFor: scenarioSetup(), theme: { color: false, unicode: true } });
  const size = { columns: 80, rows: 24 };

  it('↓ selects the first lane, marks its row and shows its figures; ↑/↓ step through the lanes', () => {
    const { update, view, derive } = program();
    const start = { ...countModel(), playheadUs: Number.MAX_SAFE_INTEGER };
    const screen = (model: typeof start) => view(model, derive(model), size).toLines().join('\n');
    expect(screen(start)).not.toContain('turnaround');
    const first = update(start, key('\u001B[B')).model;
    expect(first.selectedLane).toEqual({ source: 'emulated', strategy: 'sequential', lane: 0 });
    const threads = derive(first).trace.runs[1]!;
    let model = first;
    for (let i = 0; i < 3; i++) model = update(model, key('\u001B[B')).model;
    expect(model.selectedLane).toEqual({ source: 'emulated', strategy: 'threads', lane: 1 });
    const shown = screen(model);
    expect(shown).toMatch(/^ +▶count-2 /m);
    expect(shown).toContain(`▶ threads count-2 (emulated)  response ${formatDuration(threads.tasks[1]!.responseUs)}`);
    expect(shown).toContain(`turnaround ${formatDuration(threads.tasks[1]!.turnaroundUs)}`);
    // The last lane stays selected; ↑ goes back.
    expect(update(model, key('\u001B[B')).model.selectedLane).toEqual(model.selectedLane);
    expect(update(model, key('\u001B[A')).model.selectedLane).toEqual({ source: 'emulated', strategy: 'threads', lane: 0 });
  });

  it('Tab to the task table: a row per task with its figures, the selected one marked', () => {
    const { update, view, derive } = program();
    let model = { ...countModel(), scenario: 'convoy', playheadUs: Number.MAX_SAFE_INTEGER };
    model = update(model, key('6')).model;
    model = { ...model, playheadUs: Number.MAX_SAFE_INTEGER };
    for (let i = 0; i < 4; i++) model = update(model, key('\t')).model;
    expect(model.view).toBe('tasks');
    for (let i = 0; i < 3; i++) model = update(model, key('\u001B[B')).model;
    const lines = view(model, derive(model), size).toLines();
    expect(lines.find((line) => line.startsWith(' strategy'))).toMatch(/task\s+response\s+turnaround\s+CPU/);
    expect(lines.find((line) => / sequential\s+io-bound/.test(line))).toMatch(/io-bound\s+\S+\s+23\.1ms/);
    expect(lines.find((line) => line.startsWith('▶threads'))).toMatch(/^▶threads\s+io-bound\s+\S+\s+120\.0ms\s.*98%$/);
  });
});
