// An import killed between its keychain write and its store write leaves a keychain entry no
// imported context refers to. The app core deletes it when it next starts, here against a real
// gnome-keyring (the private session `npm test` runs in), after a real SIGKILL.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createCore } from '../../../../electron/core/core.ts';
import { KeytarSecretStore } from '../../../../electron/core/credentials/keytar-secret-store.ts';
import { importCandidates } from '../../../../electron/core/kubeconfig/import-candidates.ts';
import { silentLogger } from '../../../../electron/core/log.ts';
import { AppStore } from '../../../../electron/core/store/app-store.ts';
import { requireKeyring, secretToolAccounts } from '../../../support/keyring.ts';
import { envSources, FIXTURES, setup, tempDir } from '../../../support/kubedesk-fixtures.ts';

beforeAll(requireKeyring);

const GOOD = join(FIXTURES, 'good.yaml');
const core = (p: string): string => new URL(`../../../../electron/core/${p}`, import.meta.url).pathname;

/** Another process imports `good-cert` and is SIGKILLed after the keychain write, before the store's rename. */
function crashDuringImport(home: string, service: string): Promise<NodeJS.Signals | null> {
  const script = `
    import { readFileSync } from 'node:fs';
    import { AppStore } from ${JSON.stringify(core('store/app-store.ts'))};
    import { ImportedContexts } from ${JSON.stringify(core('store/imported-contexts.ts'))};
    import { KeytarSecretStore } from ${JSON.stringify(core('credentials/keytar-secret-store.ts'))};
    import { importCandidates } from ${JSON.stringify(core('kubeconfig/import-candidates.ts'))};
    import { silentLogger } from ${JSON.stringify(core('log.ts'))};
    const store = new AppStore({ home: ${JSON.stringify(home)}, hooks: { afterTempWrite: () => process.kill(process.pid, 'SIGKILL') } });
    const imported = new ImportedContexts({ store, secrets: new KeytarSecretStore({ service: ${JSON.stringify(service)} }), log: silentLogger });
    const text = readFileSync(${JSON.stringify(GOOD)}, 'utf8');
    await imported.import(importCandidates({ label: 'good', dir: ${JSON.stringify(FIXTURES)}, text }, ['good-cert']), 'good');`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', (_code, signal) => resolve(signal));
  });
}

describe('orphan keychain entries in the real keychain', () => {
  it('after an import killed between the keychain and the store write, the core deletes its entry at start-up and keeps the used one', async () => {
    const service = `KubeDesk-test-${randomBytes(4).toString('hex')}`;
    const secrets = new KeytarSecretStore({ service });
    onTestFinished(async () => {
      for (const e of await secrets.findAll()) await secrets.delete(e.account);
    });
    const home = join(tempDir(), 'kd');
    const { imported } = setup({ secrets, home });
    await imported.import(importCandidates({ label: GOOD, dir: FIXTURES, text: readFileSync(GOOD, 'utf8') }, ['good-token']), GOOD);
    const [referenced] = secretToolAccounts(service);
    expect(referenced).toMatch(/^good-token#[0-9a-f]{12}$/);

    expect(await crashDuringImport(home, service)).toBe('SIGKILL');
    const orphan = secretToolAccounts(service).find((a) => a.startsWith('good-cert#'));
    expect(orphan).toBeDefined();
    expect((await new AppStore({ home }).read()).doc.users.map((u) => u.name)).toEqual(['good-token']);

    const app = createCore({ sources: envSources(), log: silentLogger, host: 'electron', secrets, home });
    onTestFinished(() => app.dispose());
    await expect.poll(() => secretToolAccounts(service), { timeout: 10_000 }).toEqual([referenced]);
  });
});
