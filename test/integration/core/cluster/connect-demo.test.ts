import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { whoAmI } from '../../../../electron/core/cluster/whoami.ts';
import { KeytarSecretStore } from '../../../../electron/core/credentials/keytar-secret-store.ts';
import { importCandidates } from '../../../../electron/core/kubeconfig/import-candidates.ts';
import { demoEnvForSuite } from '../../../support/demo-env.ts';
import { kubeconfig, setup, tempDir, writeFile } from '../../../support/kubedesk-fixtures.ts';

const demoEnv = demoEnvForSuite({ keyring: true });

describe('connections to the demo cluster', () => {
  it.each([
    ['demo', 'demo-admin'],
    ['demo-basic', 'demo'],
    ['demo-cert', 'demo-cert-user'],
  ])('imported %s: the keychain secret authenticates as %s', async (context, username) => {
    const s = setup({ secrets: new KeytarSecretStore() });
    await s.imported.import(
      importCandidates({ label: demoEnv().kubeconfig, dir: demoEnv().home, text: readFileSync(demoEnv().kubeconfig, 'utf8') }, [context]),
      demoEnv().kubeconfig,
    );
    const conn = await s.provider.connect(context);
    try {
      expect(conn.namespace).toBe('shop');
      expect((await whoAmI(conn)).username).toBe(username);
    } finally {
      conn.dispose();
      await s.imported.remove(context);
    }
  });

  it('an exec token the demo rejects (401) makes the plugin run again, and the retry succeeds (conformance case 53)', async () => {
    const dir = tempDir();
    const count = join(dir, 'runs');
    writeFileSync(count, '');
    // First run hands out a stale token, later runs the demo's real one.
    const plugin = writeFile(
      dir,
      'plugin.sh',
      `#!/bin/sh\necho run >> ${count}\nif [ "$(wc -l < ${count})" -eq 1 ]; then T=stale; else T="$DEMO_TOKEN"; fi\n` +
        `echo '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"'"$T"'"}}'\n`,
    );
    chmodSync(plugin, 0o755);
    const file = writeFile(
      dir,
      'config',
      kubeconfig({
        current: 'x',
        clusters: [
          {
            name: 'demo',
            cluster: { server: demoEnv().demo.url, 'certificate-authority-data': Buffer.from(demoEnv().demo.caPem).toString('base64') },
          },
        ],
        users: [
          {
            name: 'p',
            user: {
              exec: {
                apiVersion: 'client.authentication.k8s.io/v1beta1',
                command: './plugin.sh',
                env: [{ name: 'DEMO_TOKEN', value: demoEnv().demo.credentials.token }],
              },
            },
          },
        ],
        contexts: [{ name: 'x', cluster: 'demo', user: 'p', namespace: 'shop' }],
      }),
    );
    const s = setup({ files: [file] });
    const conn = await s.provider.connect();
    try {
      expect((await whoAmI(conn)).username).toBe('demo-admin');
      expect(readFileSync(count, 'utf8')).toBe('run\nrun\n');
      // Cached now: no third run.
      await whoAmI(conn);
      expect(readFileSync(count, 'utf8')).toBe('run\nrun\n');
    } finally {
      conn.dispose();
    }
  });
});
