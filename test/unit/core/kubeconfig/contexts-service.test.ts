import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { ContextsSnapshot } from '../../../../electron/shared/ipc-contract.ts';
import { EventBus } from '../../../../electron/core/events.ts';
import { ContextsService } from '../../../../electron/core/kubeconfig/contexts-service.ts';
import { createLogger } from '../../../../electron/core/log.ts';
import { MemorySecretStore } from '../../../fakes/memory-secret-store.ts';
import { FIXTURES, kubeconfig, setup, tempDir, writeFile } from '../../../support/kubedesk-fixtures.ts';

const GOOD = join(FIXTURES, 'good.yaml');
const PASTE = readFileSync(GOOD, 'utf8').replaceAll('good-token', 'pasted-token').replaceAll('good-cert', 'pasted-cert');
const SECRETS = ['good-fixture-token-0123456789', 'PRIVATE KEY', 'LS0tLS1CRUdJTiBQUklWQVRFIEtFWS'];

function service(files: string[] = [], secrets = new MemorySecretStore()) {
  const logs: string[] = [];
  const log = createLogger({ level: 'debug', write: (l) => logs.push(l) });
  const s = setup({ files, secrets, log });
  const events = new EventBus();
  const seen: ContextsSnapshot[] = [];
  events.on('contexts:changed', (snap) => seen.push(snap));
  const svc = new ContextsService({
    sources: { files, mustExist: false, origin: 'env' },
    imported: s.imported,
    connections: s.provider,
    secrets,
    events,
    log,
    execEnv: async () => process.env,
  });
  onTestFinished(() => svc.dispose());
  return { ...s, svc, seen, logs, secrets };
}

describe('ContextsService: the clusters view behind the contract', () => {
  it('a pasted kubeconfig is imported: secrets to the keychain, a contexts:changed event, no secret anywhere else', async () => {
    const t = service([GOOD]);
    expect((await t.svc.preview(PASTE)).map((p) => [p.name, p.authKind, p.exists])).toEqual([
      ['pasted-token', 'token', false],
      ['pasted-cert', 'client-cert', false],
    ]);
    expect(await t.svc.importYaml(PASTE.replaceAll('good-fixture', 'pasted-fixture'), ['pasted-token'])).toEqual({
      imported: ['pasted-token'],
    });
    const snap = t.seen.at(-1)!;
    expect(snap.contexts.find((c) => c.name === 'pasted-token')).toMatchObject({ source: 'imported', authKind: 'token' });
    expect(snap.problems).toEqual([]);
    expect(t.secrets.entries.size).toBe(1);
    const everything = JSON.stringify(t.seen) + t.logs.join('') + readFileSync(join(t.home, 'store.json'), 'utf8');
    for (const s of [...SECRETS, 'pasted-fixture-token']) expect(everything).not.toContain(s);
  });

  it('detail says where each secret lives: "keychain" for imported, the file for kubeconfig ones, never a value', async () => {
    const t = service([GOOD]);
    await t.svc.importYaml(PASTE, undefined);
    const imported = await t.svc.detail('pasted-cert');
    expect(imported.secrets).toEqual([
      {
        field: 'client-certificate-data',
        where: 'keychain',
        detail: expect.stringMatching(/^service KubeDesk, account pasted-cert#[0-9a-f]{12}$/),
      },
      { field: 'client-key-data', where: 'keychain', detail: expect.stringMatching(/^service KubeDesk, account pasted-cert#/) },
    ]);
    expect(imported.tls).toEqual({ verified: true, ca: 'data' });
    expect(imported.imported).toMatchObject({ from: 'paste', keychainService: 'KubeDesk' });
    const fromFile = await t.svc.detail('good-token');
    expect(fromFile.secrets).toEqual([
      { field: 'token', where: 'kubeconfig', detail: `${GOOD} (plain text; import the context to move it into the keychain)` },
    ]);
    expect(JSON.stringify([imported, fromFile])).not.toMatch(/good-fixture-token|PRIVATE KEY|LS0tLS1CRUdJTi/);
  });

  it('add, rename, use and remove; kubeconfig contexts are never edited', async () => {
    const t = service([GOOD]);
    await t.svc.add({
      name: 'lab',
      server: 'https://lab.example:6443',
      insecureSkipTlsVerify: true,
      auth: { kind: 'token', token: 'lab-token-secret' },
    });
    let snap = await t.svc.snapshot();
    expect(snap.problems).toEqual([
      expect.objectContaining({ context: 'lab', level: 'warning', message: expect.stringContaining('TLS verification is off') }),
    ]);
    await expect(t.svc.add({ name: 'good-token', server: 'https://x', auth: { kind: 'none' } })).rejects.toThrow(
      'a context named "good-token" already exists',
    );
    await t.svc.rename('lab', 'lab2');
    await expect(t.svc.rename('lab2', 'good-cert')).rejects.toThrow('a context named "good-cert" already exists');
    await t.svc.use('lab2');
    snap = await t.svc.snapshot();
    expect(snap.contexts.filter((c) => c.current).map((c) => c.name)).toEqual(['lab2']);
    await expect(t.svc.remove('good-token')).rejects.toThrow(
      `context "good-token" comes from ${GOOD}; KubeDesk does not edit kubeconfig files`,
    );
    await t.svc.remove('lab2');
    expect(t.secrets.entries.size).toBe(0);
    expect((await t.svc.snapshot()).contexts.map((c) => c.name)).toEqual(['good-cert', 'good-token']);
    expect(JSON.stringify(t.seen)).not.toContain('lab-token-secret');
  });

  it('a missing keychain entry, or no keychain at all, shows as a problem of the imported context', async () => {
    const secrets = new MemorySecretStore();
    const t = service([], secrets);
    await t.svc.importYaml(PASTE, ['pasted-token']);
    secrets.entries.clear();
    expect((await t.svc.snapshot()).problems).toEqual([
      expect.objectContaining({
        context: 'pasted-token',
        message: expect.stringMatching(/^the keychain has no entry "pasted-token#[0-9a-f]+" for imported context "pasted-token"/),
      }),
    ]);
    secrets.unavailable();
    expect((await t.svc.snapshot()).problems[0]!.message).toMatch(/^imported contexts cannot be used: no OS keychain available/);
  });

  it('watches kubeconfig files and the store: a change made elsewhere emits contexts:changed', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'config', kubeconfig({ clusters: [], users: [], contexts: [{ name: 'a', cluster: 'c', user: 'u' }] }));
    const t = service([file]);
    t.svc.watch();
    writeFileSync(join(dir, 'tmp'), kubeconfig({ clusters: [], users: [], contexts: [{ name: 'b', cluster: 'c', user: 'u' }] }));
    renameSync(join(dir, 'tmp'), file);
    await expect.poll(() => t.seen.at(-1)?.contexts.map((c) => c.name), { timeout: 5000 }).toEqual(['b']);
    // Another process (`kubedesk import`) writes the store.
    await t.imported.import(
      [{ name: 'elsewhere', cluster: { name: 'c', fields: { server: 'https://c' } }, user: { name: 'u', fields: {} } }],
      'x',
    );
    await expect.poll(() => t.seen.at(-1)?.contexts.map((c) => c.name), { timeout: 5000 }).toEqual(['b', 'elsewhere']);
  });
});
