// The clusters view with contexts kubectl lists but would refuse on use (a user defined
// nowhere), and an interactive credential plugin that reads a line from its standard input: the
// row carries a badge with the reason, and the plugin's question opens an input dialog whose
// answer reaches the plugin.
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from './support/browser.ts';
import { serveApp, type ServedApp } from './support/serve-app.ts';

let browser: Browser;
let app: ServedApp;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kd-e2e-problems-'));
  const plugin = join(dir, 'kd-device-login');
  writeFileSync(
    plugin,
    `#!${process.execPath}
const info = JSON.parse(process.env.KUBERNETES_EXEC_INFO);
process.stderr.write('To sign in, open https://login.example/device and enter the code it shows you.\\nCode: ');
let line = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => {
  line += d;
  if (!line.includes('\\n')) return;
  require('node:fs').writeFileSync(${JSON.stringify(join(dir, 'answer'))}, line);
  process.stdout.write(JSON.stringify({ apiVersion: info.apiVersion, kind: 'ExecCredential', status: { token: 't' } }));
  process.exit(0);
});
`,
  );
  chmodSync(plugin, 0o755);
  writeFileSync(
    join(dir, 'config'),
    `apiVersion: v1
kind: Config
current-context: ok
clusters:
- {name: k, cluster: {server: "https://127.0.0.1:1"}}
users:
- {name: ci, user: {token: planted-e2e-token-problems}}
- {name: sso, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: ${plugin}, interactiveMode: Always}}}
contexts:
- {name: ok, context: {cluster: k, user: ci}}
- {name: lost, context: {cluster: k, user: ghost}}
- {name: sso, context: {cluster: k, user: sso}}
`,
  );
  [browser, app] = await Promise.all([launchChromium(), serveApp([], { KUBECONFIG: join(dir, 'config'), HOME: dir })]);
});
afterAll(async () => {
  await browser?.close();
  await app?.process.stop();
});

describe('contexts with problems and interactive plugins in a real browser', () => {
  it('lists a context whose user is defined nowhere, with a badge whose title is the reason', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 600 } });
    await page.goto(app.url);
    await expect.poll(() => page.getByTestId('context-row').count()).toBe(3);
    const lost = page.getByTestId('context-row').filter({ hasText: 'ghost' });
    const badge = lost.getByTestId('context-problem');
    expect(await badge.getAttribute('title')).toBe('user "ghost" was not found for context "lost"');
    expect(await page.getByTestId('context-row').filter({ hasText: 'planted' }).count()).toBe(0);
    expect(await page.getByTestId('context-problem').count()).toBe(1);
    // On its row, not in a banner above the table.
    expect(await page.getByTestId('problem').count()).toBe(0);
    await page.close();
  });

  it('interactiveMode Always: the plugin question opens a password dialog; the typed line reaches the plugin', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 700 } });
    await page.goto(app.url);
    await expect.poll(() => page.getByTestId('context-row').count()).toBe(3);
    await page.getByTestId('context-row').filter({ hasText: 'sso' }).getByTestId('context-check').click();
    const dialog = page.getByTestId('exec-ask');
    await expect.poll(() => dialog.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByTestId('exec-ask-text').innerText()).toContain('open https://login.example/device');
    const input = page.getByTestId('exec-ask-input');
    expect(await input.getAttribute('type')).toBe('password');
    await screenshot(page, 'exec-ask-dialog');
    await input.fill('planted-device-code-42');
    await page.getByTestId('exec-ask-send').click();
    await expect.poll(() => existsSync(join(dir, 'answer')), { timeout: 15_000 }).toBe(true);
    expect(readFileSync(join(dir, 'answer'), 'utf8')).toBe('planted-device-code-42\n');
    await expect.poll(() => dialog.count(), { timeout: 15_000 }).toBe(0);
    expect(await page.content()).not.toContain('planted-device-code-42');
    expect(app.process.stderr()).not.toContain('planted-device-code-42');
    await page.close();
  });
});
