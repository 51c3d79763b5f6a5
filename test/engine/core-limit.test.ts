import { describe, expect, it } from 'vitest';
import { limitRunning } from '../../src/engine/core-limit.js';
import type { Span } from '../../src/engine/index.js';

const span = (lane: number, state: Span['state'], startUs: number, endUs: number): Span => ({ lane, state, startUs, endUs });

describe('limitRunning', () => {
  it('on one core, the lane already running keeps it; the other is ready until it frees', () => {
    const spans = [span(0, 'running', 0, 10), span(0, 'done', 10, 10), span(1, 'running', 6, 14), span(1, 'done', 14, 14)];
    expect(limitRunning(spans, 1)).toEqual({
      changed: true,
      spans: [span(0, 'running', 0, 10), span(0, 'done', 10, 10), span(1, 'ready', 6, 10), span(1, 'running', 10, 14), span(1, 'done', 14, 14)],
    });
  });

  it('a span wholly inside another’s turn becomes ready and joins its ready neighbours', () => {
    const spans = [span(0, 'running', 0, 20), span(1, 'ready', 0, 5), span(1, 'running', 5, 8), span(1, 'ready', 8, 20)];
    expect(limitRunning(spans, 1).spans).toEqual([span(0, 'running', 0, 20), span(1, 'ready', 0, 20)]);
  });

  it('leaves a run alone when no more lanes ran at once than it had cores', () => {
    const spans = [span(0, 'running', 0, 10), span(1, 'running', 0, 10), span(2, 'running', 10, 20)];
    expect(limitRunning(spans, 2)).toEqual({ changed: false, spans });
  });

  it('three lanes on two cores: the third waits for the first core to free', () => {
    const spans = [span(0, 'running', 0, 10), span(1, 'running', 0, 20), span(2, 'running', 2, 12)];
    expect(limitRunning(spans, 2).spans).toEqual([span(0, 'running', 0, 10), span(1, 'running', 0, 20), span(2, 'ready', 2, 10), span(2, 'running', 10, 12)]);
  });
});
