import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppStore } from '../../../../electron/core/store/app-store.ts';
import { tempDir } from '../../../support/kubedesk-fixtures.ts';

const APP_STORE = new URL('../../../../electron/core/store/app-store.ts', import.meta.url).pathname;

/** A separate process changes the store and is SIGKILLed between the temp write and the rename. */
function crashWhileWriting(home: string): Promise<{ signal: NodeJS.Signals | null; temp: string }> {
  const script = `
    import { AppStore } from ${JSON.stringify(APP_STORE)};
    const store = new AppStore({ home: ${JSON.stringify(home)}, hooks: { afterTempWrite: (tmp) => { process.stdout.write(tmp); process.kill(process.pid, 'SIGKILL'); } } });
    await store.update((doc) => { doc.contexts.push({ name: 'never-written', context: { cluster: 'c0c0', user: 'u0u0' } }); doc.preferences.n = 2; });`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let temp = '';
    child.stdout.on('data', (d: Buffer) => (temp += d.toString()));
    child.on('exit', (_code, signal) => resolve({ signal, temp }));
  });
}

describe('a crash during a store write', () => {
  it('a kill between the temp write and the rename leaves the previous store intact and usable', async () => {
    const home = tempDir();
    const store = new AppStore({ home });
    await store.update((doc) => void (doc.preferences['n'] = 1));
    const before = readFileSync(store.file, 'utf8');

    const { signal, temp } = await crashWhileWriting(home);
    expect(signal).toBe('SIGKILL');
    // The new content was complete in the temp file when the process died…
    expect(JSON.parse(readFileSync(temp, 'utf8')).preferences.n).toBe(2);
    // …and the store is exactly the old one.
    expect(readFileSync(store.file, 'utf8')).toBe(before);
    expect((await store.read()).state).toBe('ok');
    // The dead process's lock is taken over; the next change works and sees the old content.
    expect(readdirSync(home)).toContain('store.json.lock');
    await store.update((doc) => void (doc.preferences['n'] = (doc.preferences['n'] as number) + 10));
    expect(JSON.parse(readFileSync(join(home, 'store.json'), 'utf8')).preferences.n).toBe(11);
    // The dead writer's temp file is cleaned up by that next write.
    expect(readdirSync(home)).toEqual(['store.json']);
  });
});
