// A real core (the app face) on the demo cluster, as electron/main/index.ts builds it, with the
// in-memory secret store instead of the OS keychain.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../../electron/core/core.ts';
import { resolveKubeconfigSources } from '../../../electron/core/kubeconfig/kubeconfig-sources.ts';
import { silentLogger } from '../../../electron/core/log.ts';
import { MemorySecretStore } from '../../fakes/memory-secret-store.ts';

export function demoCore(kubeconfig: string, home = join(mkdtempSync(join(tmpdir(), 'kd-desktop-')), 'kubedesk')): Core {
  return createCore({
    sources: resolveKubeconfigSources({ flag: kubeconfig }),
    log: silentLogger,
    host: 'electron',
    secrets: new MemorySecretStore(),
    home,
  });
}
