import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, SPAN_STATES, TERMINAL_STATES, UsageError, emulate, parseTasks } from '../../src/engine/index.js';
import { traceToSvg } from '../../src/export/svg-gantt.js';
import { xml } from '../../src/export/svg-text.js';
import { convoyTrace, scenarioTrace } from './fixtures.js';

/**
 * A minimal well-formedness check: one root, tags nest and close in order, attributes are quoted,
 * and `&` only starts one of XML's five entities or a character reference.
 */
function checkWellFormed(svg: string): void {
  const body = svg.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  let roots = 0;
  for (const match of body.matchAll(/<[^>]*>|[^<]+/g)) {
    const token = match[0];
    if (!token.startsWith('<')) {
      if (stack.length === 0 && token.trim() !== '') throw new Error(`text outside the root: ${token.slice(0, 20)}`);
      if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(token)) throw new Error(`bare & in ${token.slice(0, 40)}`);
      if (token.includes('>')) throw new Error('unescaped >');
      continue;
    }
    const tag = /^<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>$/.exec(token);
    if (!tag) throw new Error(`malformed tag ${token.slice(0, 60)}`);
    const [, closing, name, attributes = '', selfClosing] = tag;
    if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(attributes)) throw new Error(`bare & in ${token.slice(0, 40)}`);
    if (closing) {
      if (stack.pop() !== name) throw new Error(`</${name}> closes the wrong element`);
    } else if (!selfClosing) {
      if (stack.length === 0) roots++;
      stack.push(name!);
    } else if (stack.length === 0) {
      roots++;
    }
  }
  if (stack.length > 0) throw new Error(`unclosed ${stack.join(' > ')}`);
  if (roots !== 1) throw new Error(`${roots} root elements`);
}

describe('traceToSvg', () => {
  const trace = convoyTrace();
  const svg = traceToSvg(trace);

  it('is a well-formed standalone SVG 1.1 document with its size and viewBox', () => {
    checkWellFormed(svg);
    expect(svg).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" version="1\.1" width="1200" height="(\d+)" viewBox="0 0 1200 \1"/,
    );
    expect(svg.endsWith('</svg>\n')).toBe(true);
  });

  /** The plot's left and right edge, from the first axis line. */
  function plotEdges(text: string): { left: number; right: number } {
    const [, left, right] = /<g class="axis"><path d="M([\d.]+) [\d.]+H([\d.]+)"/.exec(text) ?? [];
    return { left: Number(left), right: Number(right) };
  }

  it('draws each span of at least a pixel as its own rectangle, coloured by state, and merges the narrower ones', () => {
    const { left, right } = plotEdges(svg);
    const endUs = Math.max(...trace.runs.map((run) => run.elapsedUs));
    const usPerPx = endUs / (right - left);
    const lasting = trace.runs.flatMap((run) => run.spans).filter((s) => !TERMINAL_STATES.has(s.state) && s.endUs > s.startUs);
    const wide = lasting.filter((s) => s.endUs - s.startUs >= usPerPx);
    const whole = [...svg.matchAll(/<rect class="span (running|ready|gil-wait|io|spawn)" x="([\d.]+)"/g)];
    expect(whole.length).toBeGreaterThanOrEqual(wide.length);
    const wholeAt = new Set(whole.map((m) => `${m[1]}@${m[2]}`));
    for (const span of wide) expect(wholeAt).toContain(`${span.state}@${Math.round((left + span.startUs / usPerPx) * 100) / 100}`);
    expect(svg).toMatch(/<rect class="span mixed gil-wait"/);
    expect(svg.match(/<rect class="span running"[^>]*fill="#009E73"/g)?.length).toBeGreaterThan(0);
    expect(svg).toMatch(/<rect class="span (mixed )?gil-wait"[^>]*fill="url\(#p-gil-wait\)"/);
    expect(svg).toContain('<pattern id="p-gil-wait"');
    expect(svg).toContain('>finer than a pixel: each state as tall as its share</text>');
  });

  it("keeps the count scenario's SVG small: its 50,000 spans of 5 ms turns are merged per pixel", () => {
    const count = traceToSvg(scenarioTrace('count'));
    expect(Buffer.byteLength(count)).toBeLessThan(200_000);
    checkWellFormed(count);
    // Each threads lane: a running stripe and a gil-wait stripe, about half a 16 px row each.
    const stripes = [...count.matchAll(/<rect class="span mixed (running|gil-wait)" x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="([\d.]+)"/g)];
    const long = stripes.filter((m) => Number(m[2]) > 500);
    expect(long.length).toBeGreaterThanOrEqual(8);
    for (const m of long) {
      expect(Number(m[3])).toBeGreaterThan(7);
      expect(Number(m[3])).toBeLessThan(9);
    }
  });

  it('says under its title what was run and what it shows: the subtitle lines, wrapped to the width', () => {
    const subtitle = ['convoy on 2 cores, rr, slice 4ms', 'Convoy effect: io waits 5ms per I/O for the GIL (switch interval 5ms) and then some more words'];
    const text = traceToSvg(trace, { width: 400, subtitle });
    checkWellFormed(text);
    expect(text).toContain('<text class="title" x="16" y="34" font-size="15" font-weight="bold">convoy on 2 cores, rr, slice 4ms</text>');
    const lines = [...text.matchAll(/<text class="subtitle"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe(subtitle[1]);
    for (const line of lines) expect(line!.length).toBeLessThanOrEqual(Math.floor((400 - 32) / 7.2));
    expect(traceToSvg(trace)).toContain('font-weight="bold">convoy</text>');
  });

  it('heads each run with source, strategy and elapsed time, and keeps spans inside the picture', () => {
    expect(svg).toContain('>emulated threads — ');
    expect(svg.match(/<g class="run">/g)).toHaveLength(trace.runs.length);
    for (const match of svg.matchAll(/<rect class="span [^"]+" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)) {
      expect(Number(match[1]) + Number(match[2])).toBeLessThanOrEqual(1200 - 16 + 0.5);
    }
  });

  it('has a time axis with round ticks in the unit of the scale, a legend and the summary table', () => {
    expect(svg).toMatch(/>0<\/text>/);
    expect(svg).toMatch(/>\d+ms<\/text>/);
    for (const state of SPAN_STATES) expect(svg).toContain(`<text x="20" y="12">${state}</text>`);
    expect(svg).toContain('>GIL hand-offs</text>');
    expect(svg).toMatch(/>1\.00×<\/text>/);
  });

  it('chooses µs labels for a short run and s labels for a long one', () => {
    const tiny = emulate({ workload: 't', tasks: parseTasks('300us'), notes: [] }, ['sequential'], DEFAULT_PARAMS);
    expect(traceToSvg(tiny)).toMatch(/>\d+µs<\/text>/);
    const long = emulate({ workload: 't', tasks: parseTasks('3s'), notes: [] }, ['sequential'], DEFAULT_PARAMS);
    expect(traceToSvg(long)).toMatch(/>1s<\/text>/);
  });

  it('escapes lane names, task errors and the workload for XML', () => {
    const tasks = parseTasks('1ms,1ms').map((task, i) => ({ ...task, name: i === 0 ? '<a&b>' : `it's "q"\u0001` }));
    const named = emulate({ workload: 'x & y', tasks, notes: [] }, ['threads'], DEFAULT_PARAMS);
    const run = named.runs[0]!;
    run.spans.push({ lane: 1, state: 'failed', startUs: run.elapsedUs, endUs: run.elapsedUs });
    run.tasks[1]!.error = 'a < b';
    const text = traceToSvg(named, { width: 400 });
    checkWellFormed(text);
    expect(text).toContain('&lt;a&amp;b&gt;');
    expect(text).toContain('it&apos;s &quot;q&quot;\uFFFD');
    expect(text).toContain('<title>a &lt; b</title>');
    expect(text).not.toContain('<a&b>');
  });

  it('escapes the five XML characters', () => {
    expect(xml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&apos;');
  });

  it('honours the width and rejects one too narrow to draw', () => {
    expect(traceToSvg(trace, { width: 800 })).toContain('viewBox="0 0 800 ');
    expect(() => traceToSvg(trace, { width: 100 })).toThrow(UsageError);
    expect(() => traceToSvg(trace, { width: Number.NaN })).toThrow(UsageError);
  });

  it('draws the window of a trace exported zoomed: its spans across the plot, the axis in the window’s times', () => {
    const tasks = parseTasks('cpu:30ms,cpu:30ms');
    const whole = emulate({ workload: 'tasks', tasks, notes: [] }, ['threads'], DEFAULT_PARAMS);
    const [startUs, endUs] = [20_000, 40_000];
    const cut = (us: number) => Math.min(endUs, Math.max(startUs, us));
    const runs = whole.runs.map((run) => ({
      ...run,
      spans: run.spans
        .filter((span) => span.endUs > startUs && span.startUs < endUs)
        .map((span) => ({ ...span, startUs: cut(span.startUs), endUs: cut(span.endUs) })),
      instants: run.instants.filter((instant) => instant.atUs >= startUs && instant.atUs <= endUs),
    }));
    const svg = traceToSvg({ ...whole, runs, window: { startUs, endUs } }, { width: 1000 });
    checkWellFormed(svg);
    const labels = [...svg.matchAll(/<g class="axis">.*?<\/g>/g)][0]![0].match(/>[^<]+</g)!.map((label) => label.slice(1, -1));
    expect(labels).toEqual(['20ms', '22ms', '24ms', '26ms', '28ms', '30ms', '32ms', '34ms', '36ms', '38ms', '40ms']);
    // The bars span the plot: from its left edge to its right one.
    const xs = [...svg.matchAll(/<rect class="span [^"]+" x="([\d.]+)"[^>]* width="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[1]) + Number(m[2])]);
    const axis = /<g class="axis"><path d="M([\d.]+) [\d.]+H([\d.]+)"/.exec(svg)!;
    expect(Math.min(...xs.map(([left]) => left!))).toBeCloseTo(Number(axis[1]), 1);
    expect(Math.max(...xs.map(([, right]) => right!))).toBeCloseTo(Number(axis[2]), 1);
  });

  it('draws an empty trace as a valid document', () => {
    checkWellFormed(traceToSvg({ workload: 'none', runs: [], notes: [] }));
  });
});
