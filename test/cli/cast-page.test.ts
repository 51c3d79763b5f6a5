import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCast } from '../../src/export/asciicast.js';
import { BROWSER_TIMEOUT_MS, launchChromium, until, watchedPage } from '../export/chromium.js';

const BIN = fileURLToPath(new URL('../../bin/concur-tui', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'concur-cast-page-'));

/** The built binary, as a user runs it (a scripted recording needs the whole program). */
function bin(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: BROWSER_TIMEOUT_MS,
    env: { ...process.env, NO_COLOR: '' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('concur-tui cast-page', { timeout: BROWSER_TIMEOUT_MS * 2 }, () => {
  const cast = join(dir, 'tour.cast');
  const page = join(dir, 'tour.html');
  let browser: Browser;
  let written: ReturnType<typeof bin>;

  beforeAll(async () => {
    // A scripted tour: count, then the convoy scenario (key 6), on the virtual clock.
    writeFileSync(join(dir, 'tour.tape'), 'Sleep 1500ms\nType "6"\nSleep 1500ms\nType "q"\n');
    const recorded = bin('--script', join(dir, 'tour.tape'), '--record', cast, '--cols', '80', '--rows', '24');
    expect(recorded.stderr).toBe('');
    expect(recorded.code).toBe(0);
    written = bin('cast-page', cast, page);
    browser = await launchChromium();
  }, BROWSER_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
  });

  it('writes one page that inlines the player and the cast, and says so', () => {
    const { code, stderr } = written;
    expect({ code, stderr }).toEqual({ code: 0, stderr: `wrote a player page for ${cast} to ${page}\n` });
    const text = readFileSync(page, 'utf8');
    expect(text).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/);
    expect(text).toContain(`script-src 'unsafe-inline' 'wasm-unsafe-eval'`);
    const title = readCast(readFileSync(cast, 'utf8')).header.title!;
    expect(text).toContain(`<title>${title}</title>`);
    const data = JSON.parse(/<script type="application\/json" id="cast-data">([^<]*)<\/script>/.exec(text)![1]!);
    expect(data).toEqual({ cast: readFileSync(cast, 'utf8'), cols: 80, rows: 24 });
  });

  it("titles the tour's cast after the scenarios it showed, with a chapter mark where the scenario changed", () => {
    const { header, events } = readCast(readFileSync(cast, 'utf8'));
    expect(header.title).toBe('concur-tui count → convoy');
    expect(events.filter(([, code]) => code === 'm').map(([, , label]) => label)).toEqual(['convoy']);
  });

  it('refuses, in one line and before reading the cast, a page that is not .html or exists, and a file that is not a cast', () => {
    expect(bin('cast-page', cast, join(dir, 'tour.htm'))).toMatchObject({
      code: 2,
      stderr: `concur-tui: cast-page: the page is HTML; end ${join(dir, 'tour.htm')} with .html\n`,
    });
    writeFileSync(join(dir, 'taken.html'), 'keep');
    expect(bin('cast-page', cast, join(dir, 'taken.html'))).toMatchObject({
      code: 2,
      stderr: `concur-tui: ${join(dir, 'taken.html')} exists; use --force to overwrite\n`,
    });
    expect(readFileSync(join(dir, 'taken.html'), 'utf8')).toBe('keep');
    writeFileSync(join(dir, 'not.cast'), '{"version": 1}\n');
    const refused = bin('cast-page', join(dir, 'not.cast'), join(dir, 'not.html'));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^concur-tui: cast-page: .*not\.cast is not an asciicast v2 file: line 1: bad header: version is 1, expected 2\n$/);
    expect(bin('cast-page', join(dir, 'missing.cast'), join(dir, 'm.html'))).toMatchObject({
      code: 2,
      stderr: `concur-tui: cast-page: ${join(dir, 'missing.cast')} does not exist\n`,
    });
  });

  /** The text the player's terminal shows now. */
  const screen = (p: Page) => p.evaluate(`document.querySelector('#player').innerText`) as Promise<string>;

  it('plays in headless Chromium with no network: the dashboard appears, then the convoy scenario the tour switched to', async () => {
    const url = pathToFileURL(page).href;
    const { page: tab, watch } = await watchedPage(browser, url);
    await tab.goto(url);
    await until(tab, `window.castPlayer !== undefined && window.castPlayer.getDuration() !== undefined`);
    const duration = (await tab.evaluate(`window.castPlayer.getDuration()`)) as number;
    expect(duration).toBeGreaterThan(2.5);
    await tab.evaluate(`window.castPlayer.play()`);
    await until(tab, `window.castPlayer.getCurrentTime() > 0.5`);
    await expect.poll(() => screen(tab), { timeout: BROWSER_TIMEOUT_MS }).toMatch(/sequential/);
    expect(await screen(tab)).toMatch(/count/);
    await tab.evaluate(`window.castPlayer.seek(${duration - 0.2})`);
    await expect.poll(() => screen(tab), { timeout: BROWSER_TIMEOUT_MS }).toMatch(/convoy/);
    await tab.screenshot({ path: join(dir, 'cast-page.png') });
    expect(watch).toEqual({ requests: [], errors: [] });
    await tab.close();
  });
});
