import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appKubedeskEntry } from '../../../../electron/core/kubeconfig/app-kubedesk-entry.ts';

describe('the kubedesk command the app writes into kubeconfigs', () => {
  it('is the installed shim when KUBEDESK_CLI names one by an absolute path', () => {
    const entry = appKubedeskEntry({ env: { KUBEDESK_CLI: '/usr/bin/kubedesk' }, execPath: '/usr/bin/node', electron: true });
    expect(entry).toEqual({ command: '/usr/bin/kubedesk', args: [] });
  });

  it("from a clone outside Electron: this Node and the checkout's kubedesk.mjs, both absolute", () => {
    const entry = appKubedeskEntry({ env: { KUBEDESK_CLI: 'kubedesk' }, execPath: '/opt/node/bin/node', electron: false });
    expect(entry.command).toBe('/opt/node/bin/node');
    expect(entry.args).toHaveLength(1);
    expect(entry.args[0]).toMatch(/\/electron\/cli\/kubedesk\.mjs$/);
    expect(existsSync(entry.args[0]!)).toBe(true);
  });

  it('inside Electron without a shim: `kubedesk`, which kubectl looks up on PATH', () => {
    expect(appKubedeskEntry({ env: {}, execPath: '/opt/KubeDesk/kubedesk', electron: true })).toEqual({ command: 'kubedesk', args: [] });
  });
});
