import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, emulate, parseTasks, type Run, type Span } from '../../src/engine/index.js';
import { html, traceToHtml } from '../../src/export/html-page.js';
import { BROWSER_TIMEOUT_MS, launchChromium, until, watchedPage } from './chromium.js';
import { convoyTrace, scenarioTrace } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'concur-html-'));

/** The page's embedded data, as its script reads it. */
function pageData(page: string): { runs: Array<{ title: string; lanes: string[]; spans: number[] }>; startUs: number; endUs: number } {
  const json = /<script type="application\/json" id="trace-data">([^<]*)<\/script>/.exec(page)?.[1];
  return JSON.parse(json ?? 'null');
}

describe('traceToHtml', () => {
  const trace = convoyTrace();
  const page = traceToHtml(trace, ['convoy on 2 cores', 'Convoy effect: <io> waits']);

  it('is one page with every script and style inline and a policy that forbids any fetch', () => {
    expect(page.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
    expect(page).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/);
    expect(page.match(/<script>/g)).toHaveLength(1);
  });

  it('embeds every span of every run, losslessly, and the subtitle escaped', () => {
    const data = pageData(page);
    expect(data.runs.map((run) => run.title.split(' — ')[0])).toEqual(trace.runs.map((run) => `${run.source} ${run.strategy}`));
    data.runs.forEach((run, i) => {
      const spans = trace.runs[i]!.spans;
      expect(run.lanes).toEqual(trace.runs[i]!.lanes.map((lane) => lane.name));
      expect(run.spans).toHaveLength(spans.length * 4);
      expect(run.spans.slice(0, 4 * 50)).toEqual(spans.slice(0, 50).flatMap((s) => [s.lane, expect.any(Number), s.startUs, s.endUs]));
    });
    expect(data.endUs).toBe(Math.max(...trace.runs.map((run) => run.elapsedUs)));
    expect(page).toContain('<h1>convoy on 2 cores</h1><p class="subtitle">Convoy effect: &lt;io&gt; waits</p>');
  });

  it('keeps a lane name from closing the data script or the markup', () => {
    const tasks = parseTasks('1ms,1ms').map((task, i) => ({ ...task, name: i === 0 ? '</script><b>x' : 'it\'s & "q"' }));
    const named = traceToHtml(emulate({ workload: 'a<b', tasks, notes: ['1 < 2'] }, ['threads'], DEFAULT_PARAMS));
    expect(named.match(/<\/script>/g)).toHaveLength(2);
    expect(pageData(named).runs[0]!.lanes).toEqual(['</script><b>x', 'it\'s & "q"']);
    expect(named).toContain('<title>a&lt;b — concur-tui</title>');
    expect(named).toContain('<li>1 &lt; 2</li>');
    expect(html(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&#39;');
  });

  it('spans the whole runs from 0, or the window of a zoomed export', () => {
    expect(pageData(page)).toMatchObject({ startUs: 0, endUs: Math.max(...trace.runs.map((run) => run.elapsedUs)) });
    expect(pageData(traceToHtml({ ...trace, window: { startUs: 20_000, endUs: 50_000 } }))).toMatchObject({ startUs: 20_000, endUs: 50_000 });
  });

  it('has the summary table, the fastest in bold', () => {
    expect(page.match(/<tr(?: class="best")?><td>/g)).toHaveLength(trace.runs.length);
    expect(page).toMatch(/<tr class="best"><td>/);
    expect(page).toContain('<th>GIL hand-offs</th>');
  });
});

/** The span of `run`'s lane `laneName` that holds `atUs`. */
function spanAt(run: Run, laneName: string, atUs: number): Span {
  const lane = run.lanes.find((l) => l.name === laneName)!.id;
  return run.spans.find((s) => s.lane === lane && s.startUs <= atUs && atUs < s.endUs)!;
}

describe('the HTML page in headless Chromium', { timeout: BROWSER_TIMEOUT_MS * 2 }, () => {
  const trace = scenarioTrace('count', ['sequential', 'threads', 'processes']);
  const file = join(dir, 'count.html');
  const url = pathToFileURL(file).href;
  let browser: Browser;

  beforeAll(async () => {
    writeFileSync(file, traceToHtml(trace, ['count on 2 cores', 'threads 0.99× sequential: the GIL lets one thread run Python at a time.']));
    browser = await launchChromium();
  }, BROWSER_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
  });

  // The page's own code runs in Chromium; this project type-checks without the DOM's types, so
  // what runs there is written as source text.
  /** The window on screen and the plot's geometry, as the page's canvas states them. */
  const view = async (page: Page) =>
    (await page.evaluate(`(() => {
      const canvas = document.getElementById('gantt');
      const d = canvas.dataset;
      return {
        startUs: Number(d.startUs),
        endUs: Number(d.endUs),
        plotLeft: Number(d.plotLeft),
        plotWidth: Number(d.plotWidth),
        rows: JSON.parse(d.laneRows),
        top: canvas.getBoundingClientRect().top,
        left: canvas.getBoundingClientRect().left,
      };
    })()`)) as {
      startUs: number;
      endUs: number;
      plotLeft: number;
      plotWidth: number;
      rows: Array<{ run: string; lane: string; y: number }>;
      top: number;
      left: number;
    };

  /**
   * The canvas along one row of CSS pixels from `left`, a letter per pixel: G greener than red
   * (running, #009E73), O redder (gil-wait, #D55E00 with its texture), . neither.
   */
  const colours = async (page: Page, y: number, left: number, width: number) =>
    (await page.evaluate(`(() => {
      const c = document.getElementById('gantt');
      const ratio = c.width / c.clientWidth;
      const step = Math.max(1, Math.round(ratio));
      const pixels = c.getContext('2d').getImageData(Math.round(${left} * ratio), Math.round(${y} * ratio), Math.round(${width} * ratio), 1).data;
      let kinds = '';
      for (let i = 0; i < pixels.length; i += 4 * step) kinds += pixels[i + 1] > pixels[i] ? 'G' : pixels[i] > pixels[i + 1] ? 'O' : '.';
      return kinds;
    })()`)) as string;

  const windowUs = (page: Page) =>
    page.evaluate(`(() => { const d = document.getElementById('gantt').dataset; return Number(d.endUs) - Number(d.startUs); })()`) as Promise<number>;

  async function open(): Promise<{ page: Page; watch: { requests: string[]; errors: string[] } }> {
    const opened = await watchedPage(browser, url);
    await opened.page.goto(url);
    await until(opened.page, `document.getElementById('window').textContent !== ''`);
    return opened;
  }

  it('opens with no network and no errors, showing the whole run', async () => {
    const { page, watch } = await open();
    const endUs = Math.max(...trace.runs.map((run) => run.elapsedUs));
    expect(await view(page)).toMatchObject({ startUs: 0, endUs });
    expect(await page.textContent('#window')).toBe('0.000 s – 26.114 s (26.114 s of 26.114 s)');
    expect(watch).toEqual({ requests: [], errors: [] });
    await page.close();
  });

  it('zooms around the pointer on a wheel event, and + halves the window, 0 shows the whole run', async () => {
    const { page, watch } = await open();
    const before = await view(page);
    // In the canvas's own coordinates, as the page computes times (the viewport's are offset by its margin).
    const x = before.plotLeft + before.plotWidth * 0.25;
    const y = before.rows[0]!.y + 8;
    const usAtX = (v: typeof before) => v.startUs + ((x - v.plotLeft) / v.plotWidth) * (v.endUs - v.startUs);
    await page.mouse.move(before.left + x, before.top + y);
    await page.mouse.wheel(0, -400);
    await expect.poll(() => windowUs(page), { timeout: BROWSER_TIMEOUT_MS }).toBeLessThan(before.endUs);
    const zoomed = await view(page);
    expect(zoomed.endUs - zoomed.startUs).toBeLessThan((before.endUs - before.startUs) / 2);
    // The time under the pointer stays under it, to the pixel (the pointer sits on whole pixels).
    expect(Math.abs(usAtX(zoomed) - usAtX(before))).toBeLessThan((before.endUs - before.startUs) / before.plotWidth);
    await page.keyboard.press('0');
    expect(await view(page)).toMatchObject({ startUs: 0, endUs: before.endUs });
    await page.keyboard.press('+');
    const halved = await view(page);
    expect(halved.endUs - halved.startUs).toBeCloseTo(before.endUs / 2, 3);
    await page.keyboard.press('ArrowRight');
    const panned = await view(page);
    expect(panned.startUs - halved.startUs).toBeCloseTo(0.2 * (halved.endUs - halved.startUs), 3);
    expect(watch).toEqual({ requests: [], errors: [] });
    await page.close();
  });

  it("zoomed to ~25 ms, count's threads lane alternates running and gil-wait in ~5 ms turns, and the readout names the span under the pointer", async () => {
    const { page, watch } = await open();
    for (let i = 0; i < 10; i++) await page.keyboard.press('+');
    const v = await view(page);
    expect(v.endUs - v.startUs).toBeLessThan(30_000);
    const row = v.rows.find((r) => r.run.startsWith('emulated threads') && r.lane === 'count-1')!;
    // Colours along the lane, 4 px below its top.
    const kinds = await colours(page, row.y + 4, v.plotLeft, v.plotWidth);
    const turns = kinds.match(/G+|O+/g) ?? [];
    const pxPerMs = v.plotWidth / ((v.endUs - v.startUs) / 1000);
    const whole = turns.slice(1, -1);
    expect(whole.length).toBeGreaterThanOrEqual(3);
    expect(new Set(whole.map((t) => t[0])).size).toBe(2);
    for (const turn of whole) {
      expect(turn.length).toBeGreaterThan(4 * pxPerMs);
      expect(turn.length).toBeLessThan(6 * pxPerMs);
    }
    const x = v.plotLeft + v.plotWidth / 2;
    await page.mouse.move(v.left + x, v.top + row.y + 8);
    const atUs = v.startUs + ((x - v.plotLeft) / v.plotWidth) * (v.endUs - v.startUs);
    const span = spanAt(trace.runs[1]!, 'count-1', atUs);
    const ms = (us: number) => `${(us / 1000).toFixed(3)} ms`;
    await until(page, `!document.getElementById('readout').textContent.startsWith('Point')`);
    expect(await page.textContent('#readout')).toBe(
      `emulated threads · count-1 · ${span.state} · ${ms(span.startUs)} → ${ms(span.endUs)} (${ms(span.endUs - span.startUs)})`,
    );
    await page.screenshot({ path: join(dir, 'count-zoomed.png') });
    expect(watch).toEqual({ requests: [], errors: [] });
    await page.close();
  });
});
