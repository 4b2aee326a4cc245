// Real Chromium (Debian's /usr/bin/chromium) driven by playwright-core.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

// A test run writes its screenshots to the ignored test-results/screenshots/, so `npm test` never
// changes tracked files; `npm run screenshots` sets KUBEDESK_UPDATE_SCREENSHOTS=1 to rewrite the
// README's ones in test/e2e/screenshots/ on purpose (.gitignore lists the tracked ones).
const SCREENSHOTS =
  process.env['KUBEDESK_UPDATE_SCREENSHOTS'] === '1'
    ? join(import.meta.dirname, '..', 'screenshots')
    : join(import.meta.dirname, '..', '..', '..', 'test-results', 'screenshots');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Saves a screenshot as test-results/screenshots/NAME.png (look at them), or test/e2e/screenshots/NAME.png when updating. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Collects a page's console errors, uncaught exceptions and failed loads (a missing favicon included). */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.text()} ${m.location().url}`);
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()} ${new URL(r.url()).pathname}`);
  });
  return errors;
}
