import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppStore } from '../../../../electron/core/store/app-store.ts';
import { withFileLock } from '../../../../electron/core/store/file-lock.ts';
import { resolveKubedeskHome } from '../../../../electron/core/store/kubedesk-home.ts';
import { tempDir } from '../../../support/kubedesk-fixtures.ts';

const fixedClock = () => new Date('2026-01-02T03:04:05.678Z');

describe('KUBEDESK_HOME (docs/cli.md)', () => {
  it('defaults to the platform user-data folder; KUBEDESK_HOME wins', () => {
    expect(resolveKubedeskHome({ env: {}, platform: 'linux', home: '/home/a' })).toBe('/home/a/.config/KubeDesk');
    expect(resolveKubedeskHome({ env: { XDG_CONFIG_HOME: '/x' }, platform: 'linux', home: '/home/a' })).toBe('/x/KubeDesk');
    expect(resolveKubedeskHome({ env: {}, platform: 'darwin', home: '/Users/a' })).toBe('/Users/a/Library/Application Support/KubeDesk');
    expect(resolveKubedeskHome({ env: { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, platform: 'win32', home: 'C:\\Users\\a' })).toMatch(
      /Roaming.KubeDesk$/,
    );
    expect(resolveKubedeskHome({ env: { KUBEDESK_HOME: 'rel' }, cwd: '/w', platform: 'linux' })).toBe('/w/rel');
  });
});

describe('the app store file', () => {
  it('starts empty, writes versioned JSON with mode 0600 in a 0700 folder', async () => {
    const home = join(tempDir(), 'KubeDesk');
    const store = new AppStore({ home });
    expect((await store.read()).state).toBe('missing');
    await store.update((doc) => void (doc.preferences['theme'] = 'dark'));
    const text = readFileSync(store.file, 'utf8');
    expect(JSON.parse(text)).toEqual({ version: 1, clusters: [], users: [], contexts: [], preferences: { theme: 'dark' } });
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
    expect(statSync(home).mode & 0o777).toBe(0o700);
    expect(readdirSync(home)).toEqual(['store.json']);
  });

  it('a corrupt store is reported and left as it is on read, never silently reset', async () => {
    const home = tempDir();
    const store = new AppStore({ home, clock: fixedClock });
    writeFileSync(store.file, '{"version": 1, "contexts": [');
    const r = await store.read();
    expect(r.state).toBe('corrupt');
    expect(r.problem).toMatch(
      new RegExp(`^${store.file}: not valid JSON \\(.*\\)\\. Imported clusters cannot be shown; the file is left as it is`),
    );
    expect(readFileSync(store.file, 'utf8')).toBe('{"version": 1, "contexts": [');
  });

  it('the next change keeps the corrupt store aside, says where, and starts a new one', async () => {
    const home = tempDir();
    const store = new AppStore({ home, clock: fixedClock });
    writeFileSync(store.file, 'garbage');
    const r = await store.update(() => 'done');
    const aside = `${store.file}.corrupt-2026-01-02T03-04-05-678Z`;
    expect(r).toEqual({ value: 'done', notice: `${store.file} could not be read; kept it as ${aside} and started a new store.` });
    expect(readFileSync(aside, 'utf8')).toBe('garbage');
    expect((await store.read()).state).toBe('ok');
    expect(store.notices).toEqual([r.notice]);
  });

  it('a schema error names the field; a newer version is never overwritten', async () => {
    const home = tempDir();
    const store = new AppStore({ home });
    writeFileSync(store.file, JSON.stringify({ version: 1, clusters: [], users: [], contexts: [{ name: 'x' }] }));
    expect((await store.read()).problem).toContain('contexts[0].context: is required');
    writeFileSync(store.file, JSON.stringify({ version: 2 }));
    expect((await store.read()).state).toBe('newer');
    await expect(store.update(() => undefined)).rejects.toThrow('written by a newer KubeDesk (store version 2; this one reads version 1)');
    expect(JSON.parse(readFileSync(store.file, 'utf8'))).toEqual({ version: 2 });
  });

  it('a failing change writes nothing', async () => {
    const home = tempDir();
    const store = new AppStore({ home });
    await store.update((doc) => void (doc.preferences['a'] = 1));
    const before = readFileSync(store.file, 'utf8');
    await expect(
      store.update((doc) => {
        doc.preferences['a'] = 2;
        throw new Error('half-way');
      }),
    ).rejects.toThrow('half-way');
    expect(readFileSync(store.file, 'utf8')).toBe(before);
    expect(existsSync(`${store.file}.lock`)).toBe(false);
  });

  it('concurrent changes are serialised by the lock file: none is lost', async () => {
    const home = tempDir();
    const a = new AppStore({ home });
    const b = new AppStore({ home });
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? a : b).update(async (doc) => {
          const n = (doc.preferences['n'] as number | undefined) ?? 0;
          await new Promise((r) => setTimeout(r, 2));
          doc.preferences['n'] = n + 1;
        }),
      ),
    );
    expect((await a.read()).doc.preferences['n']).toBe(10);
  });

  it('a lock left by a dead process is taken over', async () => {
    const home = tempDir();
    await mkdir(home, { recursive: true });
    const file = join(home, 'store.json');
    writeFileSync(`${file}.lock`, '999999999');
    expect(await withFileLock(file, async () => 'ran', { timeoutMs: 1000 })).toBe('ran');
  });
});
