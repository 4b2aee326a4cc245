import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/core.ts';
import { silentLogger } from '../../../electron/core/log.ts';
import { resolveKubeconfigSources } from '../../../electron/core/kubeconfig/kubeconfig-sources.ts';
import { forwardEvents, registerIpc, trustedUrlChecker } from '../../../electron/main/ipc.ts';
import { CHANNELS, IPC_PREFIX } from '../../../electron/shared/ipc-contract.ts';
import { FakeIpcMain } from '../../fakes/fake-ipc-main.ts';
import { MemorySecretStore } from '../../fakes/memory-secret-store.ts';

const OWN = 'file:///app/out/renderer/index.html';

function setup(): { ipc: FakeIpcMain; core: ReturnType<typeof createCore> } {
  const dir = mkdtempSync(join(tmpdir(), 'kd-ipc-'));
  const file = join(dir, 'config');
  writeFileSync(
    file,
    'apiVersion: v1\nkind: Config\ncurrent-context: a\nclusters: [{name: c, cluster: {server: "https://c:6443"}}]\nusers: [{name: u, user: {}}]\ncontexts: [{name: a, context: {cluster: c, user: u}}]\n',
  );
  const core = createCore({
    sources: resolveKubeconfigSources({ flag: file }),
    log: silentLogger,
    host: 'electron',
    secrets: new MemorySecretStore(),
    home: join(dir, 'kubedesk'),
  });
  const ipc = new FakeIpcMain();
  const reg = registerIpc({ ipcMain: ipc, core, log: silentLogger, isTrustedUrl: trustedUrlChecker(OWN, undefined) });
  onTestFinished(async () => {
    reg.dispose();
    await core.dispose();
  });
  return { ipc, core };
}

describe('main IPC wiring (against a fake ipcMain; Electron cannot run here)', () => {
  it('registers one prefixed handler per contract channel', () => {
    const { ipc } = setup();
    expect([...ipc.handlers.keys()].sort()).toEqual(CHANNELS.map((c) => IPC_PREFIX + c).sort());
  });

  it('answers our own renderer with core data as a Result', async () => {
    const { ipc } = setup();
    const r = (await ipc.invoke('kubedesk:contexts:list', undefined, OWN)) as { ok: boolean; value: { contexts: Array<{ name: string }> } };
    expect(r.ok).toBe(true);
    expect(r.value.contexts.map((c) => c.name)).toEqual(['a']);
  });

  it('refuses a call from a foreign frame (docs/architecture.md, The IPC contract)', async () => {
    const { ipc } = setup();
    const r = await ipc.invoke('kubedesk:contexts:list', undefined, 'https://evil.example/');
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('validates requests before core sees them', async () => {
    const { ipc } = setup();
    expect(await ipc.invoke('kubedesk:app:info', { x: 1 }, OWN)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('removes every handler on dispose', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kd-ipc-'));
    const core = createCore({
      sources: resolveKubeconfigSources({ flag: join(dir, 'none') }),
      log: silentLogger,
      host: 'electron',
      secrets: new MemorySecretStore(),
      home: join(dir, 'kubedesk'),
    });
    const ipc = new FakeIpcMain();
    registerIpc({ ipcMain: ipc, core, log: silentLogger, isTrustedUrl: () => true }).dispose();
    await core.dispose();
    expect(ipc.handlers.size).toBe(0);
  });

  it('forwards core events to the window until unsubscribed', () => {
    const { core } = setup();
    const sent: Array<[string, unknown]> = [];
    const off = forwardEvents(core, { send: (ch, p) => void sent.push([ch, p]), isDestroyed: () => false });
    core.events.emit('contexts:changed', { contexts: [], problems: [], files: [] });
    off();
    core.events.emit('contexts:changed', { contexts: [], problems: [], files: [] });
    expect(sent).toEqual([['kubedesk:contexts:changed', { contexts: [], problems: [], files: [] }]]);
  });

  it('trusts only the packaged renderer folder or the dev server origin', () => {
    const check = trustedUrlChecker(OWN, 'http://localhost:5173/');
    expect(check('file:///app/out/renderer/index.html#x')).toBe(true);
    expect(check('http://localhost:5173/src/x')).toBe(true);
    expect(check('file:///etc/passwd')).toBe(false);
    expect(check('http://localhost:5174/')).toBe(false);
  });
});
