import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { signUp } from '../helpers/api-client.ts';
import { launchBrowser } from './support/browser.ts';
import { briefEditor, makeWorkspace, openWorkspace, waitForSaved } from './support/workspace.ts';

let app: TestServer;
let browser: Browser;

beforeAll(async () => {
  app = await startTestServer({ web: true });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Every Content-Security-Policy violation the page reports, from the moment it starts loading. */
async function recordViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { reportViolation(text: string): void }).reportViolation(
        `${event.violatedDirective} ${event.blockedURI}`,
      ),
    );
  });
  return violations;
}

describe('Content-Security-Policy and Permissions-Policy', () => {
  test('every page carries a strict CSP with a fresh nonce and a Permissions-Policy', async () => {
    const first = await fetch(`${app.url}/login`);
    const second = await fetch(`${app.url}/login`);
    const policy = first.headers.get('content-security-policy') ?? '';
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    const nonce = /'nonce-([^']+)'/.exec(policy)![1];
    expect(second.headers.get('content-security-policy')).not.toContain(nonce);
    expect(await first.text()).toContain(`nonce="${nonce}"`);
    for (const path of ['/login', '/', '/api/health']) {
      const response = await fetch(`${app.url}${path}`);
      expect(response.headers.get('permissions-policy'), path).toMatch(/camera=\(\).*microphone=\(\)/);
    }
  });

  test('the live workspace (TipTap editor, board) works under the policy without violations', async () => {
    const supervisor = await signUp(app.url, { role: 'supervisor', name: 'Sam Okafor' });
    const workspaceId = await makeWorkspace(app.url, supervisor, []);
    const context = await browser.newContext();
    const probe = await context.newPage();
    const violations = await recordViolations(probe);
    await probe.close();
    const page = await openWorkspace(browser, app.url, supervisor, workspaceId);
    const pageViolations = await recordViolations(page);
    await page.reload();
    await waitForSaved(page);
    await briefEditor(page).getByText('Goals').click();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.type('Written under a strict policy.');
    await waitForSaved(page);
    await briefEditor(page).getByText('Written under a strict policy.').waitFor();
    expect([...violations, ...pageViolations]).toEqual([]);
    await context.close();
  });
});
