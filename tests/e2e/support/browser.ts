import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { AxeResults, Result } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { ApiClient } from '../../helpers/api-client.ts';

/** Debian's Chromium, driven headless; the flags keep it from reaching out to the network. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Gives a browser context the session of an account made through the API (a factory shortcut). */
export async function signInContext(
  context: BrowserContext,
  baseUrl: string,
  client: ApiClient,
): Promise<void> {
  const [name, value] = (client.cookie ?? '').split('=') as [string, string | undefined];
  if (!value) throw new Error('The API client has no session cookie to hand over.');
  await context.addCookies([{ name, value, url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
}

const require = createRequire(import.meta.url);
const axeSource = readFileSync(path.join(path.dirname(require.resolve('axe-core')), 'axe.min.js'), 'utf8');

type AxeWindow = Window & { axe?: { run(context: Document): Promise<AxeResults> } };

function describeViolation(violation: Result): string {
  const targets = violation.nodes.map(
    (node) => `    ${node.target.join(' ')}\n      ${node.failureSummary ?? ''}`,
  );
  return `[${violation.impact}] ${violation.id}: ${violation.help}\n${targets.join('\n')}`;
}

/**
 * Runs axe-core on the page as it is now and fails on any serious or critical violation (minor and
 * moderate ones are left to review). Lists each with the elements at fault.
 */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const loaded = await page.evaluate(() => typeof (window as AxeWindow).axe !== 'undefined');
  // Evaluated through the debugging protocol: the page's Content-Security-Policy refuses inline scripts.
  if (!loaded) await page.evaluate(axeSource);
  const results = await page.evaluate(() => (window as AxeWindow).axe!.run(document));
  const serious = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  if (serious.length > 0) {
    throw new Error(
      `Accessibility violations on ${page.url()}:\n${serious.map(describeViolation).join('\n')}`,
    );
  }
}

/** Whether anything on the page is wider than the viewport (sideways scrolling on a phone). */
export function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; viewport: number }> {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }));
}
