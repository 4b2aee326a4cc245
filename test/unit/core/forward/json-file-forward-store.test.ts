import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonFileForwardStore } from '../../../../electron/core/forward/json-file-forward-store.ts';
import type { SavedForward } from '../../../../electron/core/forward/forward-store.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'kd-fwd-store-'));
  dirs.push(d);
  return d;
}

const saved: SavedForward = {
  id: 'f1',
  spec: {
    context: 'demo',
    namespace: 'shop',
    target: 'svc/web',
    ports: ['9000:80'],
    addresses: ['localhost'],
    spread: false,
    autostart: true,
  },
};

describe('JsonFileForwardStore (forwards per context, issue 7)', () => {
  it('starts empty and round-trips what it saved', async () => {
    const dir = tmp();
    const store = new JsonFileForwardStore(join(dir, 'sub', 'forwards.json'));
    expect(await store.load()).toEqual([]);
    await store.save([saved]);
    expect(await new JsonFileForwardStore(join(dir, 'sub', 'forwards.json')).load()).toEqual([saved]);
  });

  it('writes atomically (no temp file left) with mode 0600', async () => {
    const dir = tmp();
    const file = join(dir, 'forwards.json');
    const store = new JsonFileForwardStore(file);
    await Promise.all([store.save([saved]), store.save([]), store.save([saved, { ...saved, id: 'f2' }])]);
    expect(readdirSync(dir)).toEqual(['forwards.json']);
    expect(JSON.parse(readFileSync(file, 'utf8')).forwards).toHaveLength(2);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses a file that is not a forwards file, naming it', async () => {
    const file = join(tmp(), 'forwards.json');
    writeFileSync(file, '{"version":1,"forwards":[{"id":"x","spec":{"context":"c"}}]}');
    await expect(new JsonFileForwardStore(file).load()).rejects.toThrow(file);
    writeFileSync(file, 'nope');
    await expect(new JsonFileForwardStore(file).load()).rejects.toThrow(`${file}: not valid JSON`);
  });
});
