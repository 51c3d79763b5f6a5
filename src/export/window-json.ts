import type { Trace } from '../engine/index.js';
import type { Obj, Reader } from './trace-json.js';

/** The trace with the window an export of a zoomed dashboard covers, when the file has one (it ends after it starts). */
export function withWindow(trace: Trace, reader: Reader, o: Obj): Trace {
  if (o.fields.window === undefined) return trace;
  const window = reader.object(o.fields.window, 'window');
  const startUs = reader.int(window, 'startUs');
  return { ...trace, window: { startUs, endUs: reader.int(window, 'endUs', startUs + 1) } };
}
