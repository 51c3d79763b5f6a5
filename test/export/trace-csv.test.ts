import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, emulate, parseTasks, type Trace } from '../../src/engine/index.js';
import { CSV_COLUMNS, traceToCsv } from '../../src/export/trace-csv.js';

/** A tiny RFC 4180 reader: records end with CRLF, quoted fields may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' && field === '') {
      for (i++; ; i++) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"' && text[i + 1] === '"') [field, i] = [`${field}"`, i + 1];
        else if (text[i] === '"') break;
        else field += text[i];
      }
      i++;
      if (i < text.length && text[i] !== ',' && text[i] !== '\r') throw new Error(`text after a closing quote at ${i}`);
    } else if (c === ',') {
      record.push(field);
      [field, i] = ['', i + 1];
    } else if (c === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`bare CR at ${i}`);
      record.push(field);
      records.push(record);
      [record, field, i] = [[], '', i + 2];
    } else if (c === '\n') {
      throw new Error(`bare LF at ${i}`);
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || record.length > 0) throw new Error('last record without CRLF');
  return records;
}

function traceWithLaneNames(...names: string[]): Trace {
  const tasks = parseTasks('cpu:2ms+io:1ms+cpu:1ms,3ms').map((task, i) => ({ ...task, name: names[i] ?? task.name }));
  return emulate({ workload: 'csv', tasks, notes: [] }, ['sequential', 'threads'], { ...DEFAULT_PARAMS, cores: 1 });
}

describe('traceToCsv', () => {
  it('writes the header, then one row per span in run order, with CRLF line ends', () => {
    const trace = traceWithLaneNames('first', 'second');
    const text = traceToCsv(trace);
    expect(text.startsWith('source,strategy,lane,task,group,state,start_us,end_us,duration_us,core\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    const records = parseCsv(text);
    expect(records[0]).toEqual([...CSV_COLUMNS]);
    const spans = trace.runs.flatMap((run) => run.spans.map((span) => ({ run, span })));
    expect(records.length - 1).toBe(spans.length);
    spans.forEach(({ run, span }, i) => {
      const lane = run.lanes[span.lane]!;
      expect(records[i + 1]).toEqual([
        run.source,
        run.strategy,
        String(span.lane),
        lane.name,
        lane.group,
        span.state,
        String(span.startUs),
        String(span.endUs),
        String(span.endUs - span.startUs),
        span.core === undefined ? '' : String(span.core),
      ]);
    });
  });

  it('quotes names with commas, quotes and line breaks, and they parse back unchanged', () => {
    const names = ['a,"b"', 'line\r\nbreak'];
    const text = traceToCsv(traceWithLaneNames(...names));
    expect(text).toContain(',"a,""b""",');
    expect(text).toContain(',"line\r\nbreak",');
    const tasks = new Set(
      parseCsv(text)
        .slice(1)
        .map((record) => record[3]),
    );
    expect(tasks).toEqual(new Set(names));
  });

  it('leaves plain fields unquoted and the core empty for spans off a core', () => {
    const records = parseCsv(traceToCsv(traceWithLaneNames('x', 'y')));
    const ready = records.find((record) => record[5] === 'ready');
    const running = records.find((record) => record[5] === 'running');
    expect(ready?.[9]).toBe('');
    expect(running?.[9]).toMatch(/^\d+$/);
  });

  it('writes only the header for a trace without runs', () => {
    expect(traceToCsv({ workload: 'none', runs: [], notes: [] })).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
  });
});
