// The app:// handler is fetch-shaped (Request → Response, as protocol.handle takes it), so it runs
// here on real files without Electron.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_CSP, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from '../../../electron/main/app-protocol.ts';

function renderer(): string {
  const base = mkdtempSync(join(tmpdir(), 'kd-app-'));
  writeFileSync(join(base, 'secret.txt'), 'outside the renderer');
  const root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>KubeDesk</title>');
  writeFileSync(join(root, 'assets', 'index.js'), 'console.log(1)');
  return root;
}

const get = (url: string, method = 'GET'): Request => new Request(url, { method });

/** Directive name → its sources. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name as string, sources]),
  );
}

describe('app:// protocol (the renderer is not loaded from file://)', () => {
  it('serves the renderer files with the CSP as a response header', async () => {
    const handle = createAppProtocolHandler(renderer());
    const index = await handle(get('app://kubedesk/'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(await index.text()).toContain('<title>KubeDesk</title>');
    const js = await handle(get('app://kubedesk/assets/index.js'));
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses paths that leave the renderer folder, however they are spelled', async () => {
    const handle = createAppProtocolHandler(renderer());
    for (const url of [
      'app://kubedesk/../secret.txt',
      'app://kubedesk/%2e%2e/secret.txt',
      'app://kubedesk/assets/..%2f..%2fsecret.txt',
      'app://kubedesk/%2e%2e%5csecret.txt',
      'app://kubedesk/..%5c..%5csecret.txt',
      'app://kubedesk/%00index.html',
      'app://kubedesk/%E0%A4%A',
      'app://kubedesk//etc/passwd',
      'app://other/index.html',
    ]) {
      const res = await handle(get(url));
      expect(res.status, url).toBe(404);
      expect(await res.text(), url).not.toContain('outside the renderer');
    }
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const handle = createAppProtocolHandler(renderer());
    const head = await handle(get('app://kubedesk/index.html', 'HEAD'));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await handle(get('app://kubedesk/index.html', 'POST'))).status).toBe(405);
  });

  it('registers app:// as a secure standard scheme that does not bypass the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true, bypassCSP: false } });
  });

  it('allows no WebSocket, remote origin or inline script, in the header nor in the renderer meta tag', () => {
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(readFileSync('renderer/index.html', 'utf8'))?.[1];
    expect(meta).toBeDefined();
    const header = directives(APP_CSP);
    const page = directives(meta ?? '');
    for (const [name, sources] of [...header, ...page]) {
      for (const source of sources) {
        expect(source, `${name} ${source}`).toMatch(/^('self'|'none'|'unsafe-inline'|data:)$/);
        if (name === 'script-src') expect(source).toBe("'self'");
      }
    }
    expect(header.get('default-src')).toEqual(["'none'"]);
    // The meta tag (also what serve mode's page carries) names the same sources as the header for
    // every directive it sets, so neither quietly allows more than the other.
    for (const [name, sources] of page) if (name !== 'default-src') expect(header.get(name), name).toEqual(sources);
  });
});
