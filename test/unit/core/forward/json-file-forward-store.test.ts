import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
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

const STORE_MODULE = new URL('../../../../electron/core/forward/json-file-forward-store.ts', import.meta.url).pathname;

/** A separate process saves three forwards and is SIGKILLed between the temp write and the rename. */
function killedWhileSaving(file: string): Promise<{ signal: NodeJS.Signals | null; temp: string }> {
  const script = `
    import { JsonFileForwardStore } from ${JSON.stringify(STORE_MODULE)};
    const hooks = { afterTempWrite: (tmp) => { process.stdout.write(tmp); process.kill(process.pid, 'SIGKILL'); } };
    const spec = ${JSON.stringify(saved.spec)};
    await new JsonFileForwardStore(${JSON.stringify(file)}, { hooks }).save(['a', 'b', 'c'].map((id) => ({ id, spec })));`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let temp = '';
    child.stdout.on('data', (d: Buffer) => (temp += d.toString()));
    child.on('exit', (_code, signal) => resolve({ signal, temp }));
  });
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

describe('JsonFileForwardStore (forwards per context)', () => {
  it('starts empty and round-trips what it saved', async () => {
    const dir = tmp();
    const store = new JsonFileForwardStore(join(dir, 'sub', 'forwards.json'));
    expect(await store.load()).toEqual([]);
    await store.save([saved]);
    expect(await new JsonFileForwardStore(join(dir, 'sub', 'forwards.json')).load()).toEqual([saved]);
  });

  it('saves serially, leaving only the file (no temp or lock file), mode 0600', async () => {
    const dir = tmp();
    const file = join(dir, 'forwards.json');
    const store = new JsonFileForwardStore(file);
    await Promise.all([store.save([saved]), store.save([]), store.save([saved, { ...saved, id: 'f2' }])]);
    expect(readdirSync(dir)).toEqual(['forwards.json']);
    expect(JSON.parse(readFileSync(file, 'utf8')).forwards).toHaveLength(2);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('writes atomically: a process killed in the middle of a save leaves the previous file whole and loadable', async () => {
    const dir = tmp();
    const file = join(dir, 'forwards.json');
    await new JsonFileForwardStore(file).save([saved]);
    const before = readFileSync(file, 'utf8');

    const { signal, temp } = await killedWhileSaving(file);
    expect(signal).toBe('SIGKILL');
    // The new content was complete in the temp file when the process died…
    expect(JSON.parse(readFileSync(temp, 'utf8')).forwards).toHaveLength(3);
    // …and the file is exactly the old one.
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(await new JsonFileForwardStore(file).load()).toEqual([saved]);
    // The dead writer's lock is taken over by the next save.
    await new JsonFileForwardStore(file).save([]);
    expect(await new JsonFileForwardStore(file).load()).toEqual([]);
  });

  it('refuses a file that is not a forwards file, naming it', async () => {
    const file = join(tmp(), 'forwards.json');
    writeFileSync(file, '{"version":1,"forwards":[{"id":"x","spec":{"context":"c"}}]}');
    await expect(new JsonFileForwardStore(file).load()).rejects.toThrow(file);
    writeFileSync(file, 'nope');
    await expect(new JsonFileForwardStore(file).load()).rejects.toThrow(`${file}: not valid JSON`);
  });
});
