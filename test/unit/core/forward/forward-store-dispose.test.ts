// Quitting must not cut a forwards save short, nor let one start afterwards: once dispose()
// resolves, forwards.json holds the last list (no temp or lock file left behind), and an add,
// update or remove asked for later is refused with `cancelled` and writes nothing
// (docs/architecture.md, Lifetimes; store/in-flight-writes.ts).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { ForwardSpecInput } from '../../../../electron/shared/ipc-contract.ts';
import { createCore } from '../../../../electron/core/core.ts';
import { ForwardManager } from '../../../../electron/core/forward/forward-manager.ts';
import { FORWARDS_FILE, JsonFileForwardStore } from '../../../../electron/core/forward/json-file-forward-store.ts';
import { silentLogger } from '../../../../electron/core/log.ts';
import type { AtomicWriteHooks } from '../../../../electron/core/store/atomic-write.ts';
import { MemorySecretStore } from '../../../fakes/memory-secret-store.ts';
import { envSources, HeldWrites, rejectionOf, tempDir } from '../../../support/kubedesk-fixtures.ts';

const web: ForwardSpecInput = { context: 'demo', namespace: 'shop', target: 'svc/web', ports: ['9000:80'], addresses: ['127.0.0.1'] };
const api: ForwardSpecInput = { ...web, target: 'svc/api', ports: ['9001:80'] };

function manager(file: string, hooks?: AtomicWriteHooks): ForwardManager {
  let n = 0;
  const m = new ForwardManager({
    // Every spec here names its namespace and nothing is started: no connection is ever needed.
    connect: () => Promise.reject(new Error('no cluster in this test')),
    store: new JsonFileForwardStore(file, { hooks }),
    log: silentLogger,
    newId: () => `fw-${++n}`,
  });
  onTestFinished(() => m.dispose());
  return m;
}

function savedTargets(file: string): string[] {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { forwards: Array<{ id: string; spec: { target: string } }> };
  return doc.forwards.map((f) => `${f.id} ${f.spec.target}`);
}

describe("the forward manager's dispose and its saves", () => {
  it('saves under way when dispose() is called (one held, one queued) are on disk before it resolves', async () => {
    const dir = tempDir();
    const file = join(dir, FORWARDS_FILE);
    const held = new HeldWrites();
    const m = manager(file, held);
    const first = m.add(web, { start: false });
    const second = m.add(api, { start: false });

    await held.entered;
    const disposing = m.dispose();
    // Let go only on the next turn of the event loop: a dispose() that does not wait has resolved by then.
    setImmediate(() => held.release());
    await disposing;

    // The last list is on disk, whole, with no temp or lock file beside it…
    expect(readdirSync(dir)).toEqual([FORWARDS_FILE]);
    expect(savedTargets(file)).toEqual(['fw-1 svc/web', 'fw-2 svc/api']);
    // …and nothing is left to finish afterwards.
    const written = readFileSync(file, 'utf8');
    expect((await first).id).toBe('fw-1');
    expect((await second).id).toBe('fw-2');
    expect(readdirSync(dir)).toEqual([FORWARDS_FILE]);
    expect(readFileSync(file, 'utf8')).toBe(written);
  });

  it('after dispose(), add, update and remove are refused with cancelled and change nothing, in memory or on disk', async () => {
    const dir = tempDir();
    const file = join(dir, FORWARDS_FILE);
    const m = manager(file);
    const { id } = await m.add(web, { start: false });
    const written = readFileSync(file, 'utf8');
    await m.dispose();

    for (const change of [() => m.add(api, { start: false }), () => m.update(id, api), () => m.remove(id)]) {
      const err = await rejectionOf(change());
      expect(err.code).toBe('cancelled');
      expect(err.message).toBe('KubeDesk is shutting down');
    }
    expect(m.list().map((f) => `${f.id} ${f.spec.target}`)).toEqual([`${id} svc/web`]);
    expect(readdirSync(dir)).toEqual([FORWARDS_FILE]);
    expect(readFileSync(file, 'utf8')).toBe(written);
  });
});

describe("the core's dispose and forward:add", () => {
  function startCore(home: string): ReturnType<typeof createCore> {
    const core = createCore({ sources: envSources(), log: silentLogger, host: 'electron', secrets: new MemorySecretStore(), home });
    onTestFinished(() => core.dispose());
    return core;
  }

  it('a forward:add racing dispose() is either on disk when dispose() resolves or refused: the home does not change afterwards', async () => {
    const home = join(tempDir(), 'kd');
    const core = startCore(home);
    const outcome = core.handlers['forward:add']({ spec: web, start: false }, new AbortController().signal).then(
      (info) => `added ${info.spec.target}`,
      (err: unknown) => (err as { code?: string }).code,
    );
    await core.dispose();

    const files = existsSync(home) ? readdirSync(home) : [];
    const text = files.includes(FORWARDS_FILE) ? readFileSync(join(home, FORWARDS_FILE), 'utf8') : undefined;
    expect(await outcome).toMatch(/^(added svc\/web|cancelled)$/);
    expect(existsSync(home) ? readdirSync(home) : []).toEqual(files);
    if ((await outcome) === 'cancelled') {
      expect(files).not.toContain(FORWARDS_FILE);
    } else {
      expect(files).toEqual([FORWARDS_FILE]);
      expect(readFileSync(join(home, FORWARDS_FILE), 'utf8')).toBe(text);
    }
  });

  it('a forward:add after dispose() is refused with cancelled and writes no forwards.json', async () => {
    const home = join(tempDir(), 'kd');
    const core = startCore(home);
    await core.dispose();

    const err = await rejectionOf(core.handlers['forward:add']({ spec: web, start: false }, new AbortController().signal));
    expect(err.code).toBe('cancelled');
    expect(existsSync(join(home, FORWARDS_FILE))).toBe(false);
    expect(existsSync(home) ? readdirSync(home) : []).toEqual([]);
  });
});
