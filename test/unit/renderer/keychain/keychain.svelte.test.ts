import { describe, expect, it } from 'vitest';
import type { MigrateReport, PlaintextFile } from '../../../../electron/shared/ipc-contract.ts';
import {
  isMigratedExec,
  KeychainState,
  kubeconfigFileOf,
  kubectlLine,
  plaintextSummary,
  shellWord,
} from '../../../../renderer/src/lib/state/keychain.svelte.ts';
import { fakeKubeDeskClient } from '../../../fakes/fake-kubedesk-client.ts';

const FILE = '/home/me/.kube/config';
const before: PlaintextFile[] = [
  {
    file: FILE,
    users: [
      { name: 'alice', fields: ['token'], movable: true },
      { name: 'bob', fields: ['password'], movable: false },
    ],
  },
];
const after: PlaintextFile[] = [{ file: FILE, users: [{ name: 'bob', fields: ['password'], movable: false }] }];
const lines = (mode: MigrateReport['mode']): MigrateReport => ({
  file: FILE,
  mode,
  lines: [{ user: 'alice', action: 'move', text: `user "alice": ${mode}` }],
  kept: [],
});

describe('KeychainState', () => {
  it('reads which files hold plaintext secrets, and finds a user in them', async () => {
    const f = fakeKubeDeskClient({ 'contexts:plaintext-report': () => ({ ok: true, value: before }) });
    const k = new KeychainState(f.client);
    await k.refresh();
    expect(k.loaded).toBe(true);
    expect(k.plaintextUser(FILE, 'alice')).toEqual({ name: 'alice', fields: ['token'], movable: true });
    expect(k.plaintextUser(FILE, 'carol')).toBeNull();
    expect(k.plaintextUser('/elsewhere', 'alice')).toBeNull();
  });

  it('migrate: a plan changes nothing and reads nothing again; write and undo read the report again', async () => {
    let report = before;
    const f = fakeKubeDeskClient({
      'contexts:plaintext-report': () => ({ ok: true, value: report }),
      'contexts:migrate': (req) => {
        if (req.mode === 'write') report = after;
        if (req.mode === 'undo') report = before;
        return { ok: true, value: lines(req.mode) };
      },
    });
    const k = new KeychainState(f.client);
    await k.refresh();
    expect(await k.runMigrate(FILE, 'plan')).toBe(true);
    expect(k.migrate?.mode).toBe('plan');
    expect(f.calls.map(([c]) => c)).toEqual(['contexts:plaintext-report', 'contexts:migrate']);
    k.cancelPlan();
    expect(k.migrate).toBeNull();
    await k.runMigrate(FILE, 'plan');
    await k.runMigrate(FILE, 'write');
    expect(k.migrate?.mode).toBe('write');
    expect(k.plaintextUser(FILE, 'alice')).toBeNull();
    k.cancelPlan(); // not a plan: kept
    expect(k.migrate?.mode).toBe('write');
    await k.runMigrate(FILE, 'undo');
    expect(k.plaintextUser(FILE, 'alice')?.movable).toBe(true);
    expect(f.calls.filter(([c]) => c === 'contexts:migrate').map(([, r]) => r)).toEqual([
      { file: FILE, mode: 'plan' },
      { file: FILE, mode: 'plan' },
      { file: FILE, mode: 'write' },
      { file: FILE, mode: 'undo' },
    ]);
    expect(k.busy).toBeNull();
  });

  it('keeps a failed migrate or export as its error, and the last good answer', async () => {
    const f = fakeKubeDeskClient({
      'contexts:migrate': () => ({ ok: false, error: { code: 'keychain-unavailable', message: 'no keychain' } }),
      'contexts:export-kubeconfig': () => ({ ok: false, error: { code: 'invalid-input', message: 'basic auth' } }),
    });
    const k = new KeychainState(f.client);
    expect(await k.runMigrate(FILE, 'write')).toBe(false);
    expect(k.error?.code).toBe('keychain-unavailable');
    expect(await k.exportContexts(['basic'])).toBe(false);
    expect(k.error).toEqual({ code: 'invalid-input', message: 'basic auth' });
    expect(k.exported).toBeNull();
    expect(f.calls.filter(([c]) => c === 'contexts:plaintext-report')).toEqual([]);
  });

  it('exports the contexts asked for and remembers which ones the file holds', async () => {
    const f = fakeKubeDeskClient({
      'contexts:export-kubeconfig': () => ({
        ok: true,
        value: { path: '/home/me/.config/KubeDesk/kubeconfig-kubedesk.yaml', warnings: [] },
      }),
    });
    const k = new KeychainState(f.client);
    expect(await k.exportContexts(['prod'])).toBe(true);
    expect(f.calls).toEqual([['contexts:export-kubeconfig', { contexts: ['prod'] }]]);
    expect(k.exported).toEqual({ path: '/home/me/.config/KubeDesk/kubeconfig-kubedesk.yaml', warnings: [], contexts: ['prod'] });
    await k.exportContexts(['prod'], '/tmp/x.yaml');
    expect(f.calls[1]).toEqual(['contexts:export-kubeconfig', { contexts: ['prod'], file: '/tmp/x.yaml' }]);
  });
});

describe('keychain helpers', () => {
  it('writes the kubectl line with the path as one shell word', () => {
    expect(kubectlLine('/home/me/.config/KubeDesk/kubeconfig-kubedesk.yaml')).toBe(
      'KUBECONFIG=/home/me/.config/KubeDesk/kubeconfig-kubedesk.yaml kubectl get pods',
    );
    expect(shellWord("/Users/me/Library/Application Support/KubeDesk/it's.yaml")).toBe(
      `'/Users/me/Library/Application Support/KubeDesk/it'\\''s.yaml'`,
    );
    expect(shellWord('/tmp/$(rm -rf ~)')).toBe(`'/tmp/$(rm -rf ~)'`);
  });

  it('summarises a file by users and field names', () => {
    expect(plaintextSummary(before[0]!)).toBe('2 users: alice (token), bob (password)');
    expect(plaintextSummary(after[0]!)).toBe('1 user: bob (password)');
  });

  it('reads the kubeconfig file of a context source and recognises a migrated user', () => {
    expect(kubeconfigFileOf(`kubeconfig:${FILE}`)).toBe(FILE);
    expect(kubeconfigFileOf('imported')).toBeNull();
    expect(isMigratedExec({ args: ['/opt/kubedesk.mjs', 'credential', '--entry', 'kubeconfig:alice#1'] })).toBe(true);
    expect(isMigratedExec({ args: ['credential', '--context', 'prod'] })).toBe(false);
    expect(isMigratedExec(undefined)).toBe(false);
  });
});
