import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from './support/browser.ts';
import { serveApp, type ServedApp } from './support/serve-app.ts';

let browser: Browser;
let app: ServedApp;

beforeAll(async () => {
  const home = mkdtempSync(join(tmpdir(), 'kd-e2e-demo-'));
  [browser, app] = await Promise.all([
    launchChromium(),
    serveApp(['--demo'], { HOME: home, KUBECONFIG: '', KUBEDESK_HOME: join(home, 'kubedesk') }),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await app?.process.stop();
});

describe('kubedesk serve --demo (the demo cluster is the embedded default)', () => {
  it('lists the demo cluster\'s three contexts, one per auth kind, with demo current', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 640 } });
    await page.goto(app.url);
    const rows = page.getByTestId('context-row');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(3);
    const text = (await rows.allInnerTexts()).join('\n');
    expect(text).toMatch(/demo\b.*https:\/\/127\.0\.0\.1:\d+.*token/);
    expect(text).toMatch(/demo-basic\b.*basic/);
    expect(text).toMatch(/demo-cert\b.*client-cert/);
    expect(await page.getByTestId('current-context').innerText()).toBe('demo');
    await screenshot(page, 'serve-demo');
    await page.close();
  });

  it('opens from a launch link once: the page trades the code, and the same link in a new tab is refused', async () => {
    const link = app.url;
    const first = await browser.newPage();
    await first.goto(link);
    await expect.poll(() => first.getByTestId('context-row').count(), { timeout: 15_000 }).toBe(3);
    expect(first.url()).not.toContain('#code=');
    expect(first.url()).not.toContain(app.token);
    // A reload keeps this tab's session (sessionStorage), not the spent code.
    await first.reload();
    await expect.poll(() => first.getByTestId('context-row').count(), { timeout: 15_000 }).toBe(3);

    const second = await browser.newPage();
    await second.goto(link);
    await expect.poll(() => second.getByRole('alert').innerText(), { timeout: 15_000 }).toContain('already used or has expired');
    expect(await second.getByTestId('context-row').count()).toBe(0);
    await Promise.all([first.close(), second.close()]);
  });
});
