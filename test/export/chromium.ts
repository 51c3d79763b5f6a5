import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium, which .ci/run installs: playwright-core drives it, and downloads no browser of its own. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Launch and test timeouts: generous, since they only end a hang (the suite runs three files at
 * once on two cores, and Chromium's start alone can take seconds then); no test measures time.
 */
export const BROWSER_TIMEOUT_MS = 120_000;

/**
 * Starts headless Chromium as root can (no sandbox) with its background traffic off: this
 * machine has no network, and without these flags Chromium keeps trying to reach its services.
 * @throws when Chromium is not installed, saying how to install it (never skips).
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium), as .ci/run does`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: BROWSER_TIMEOUT_MS,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** What a page did that a self-contained page must not: requests beyond its own file, and errors. */
export interface PageWatch {
  requests: string[];
  errors: string[];
}

/**
 * A new page of a fresh offline context that records every request (any that is not the page's
 * own file is refused) and every script error or console error.
 */
export async function watchedPage(browser: Browser, pageUrl: string): Promise<{ page: Page; watch: PageWatch }> {
  const context = await browser.newContext({ offline: true, viewport: { width: 1200, height: 900 } });
  context.setDefaultTimeout(BROWSER_TIMEOUT_MS);
  const watch: PageWatch = { requests: [], errors: [] };
  await context.route('**/*', (route) => (route.request().url() === pageUrl ? route.continue() : route.abort()));
  const page = await context.newPage();
  page.on('request', (request) => {
    if (request.url() !== pageUrl) watch.requests.push(request.url());
  });
  page.on('pageerror', (error) => watch.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') watch.errors.push(message.text());
  });
  return { page, watch };
}

/**
 * Waits until `condition` (page source text) is true in `page`. Playwright's waitForFunction
 * evaluates its predicate with eval inside the page, which a page whose policy forbids eval
 * (ours do) refuses; evaluate() runs from outside, past the policy.
 */
export async function until(page: Page, condition: string): Promise<void> {
  await expect.poll(() => page.evaluate(condition), { timeout: BROWSER_TIMEOUT_MS }).toBe(true);
}
