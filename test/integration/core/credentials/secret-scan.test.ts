import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_CHANNELS } from '../../../../electron/shared/ipc-contract.ts';
import { dispatch } from '../../../../electron/core/api/dispatch.ts';
import { createCore, type Core } from '../../../../electron/core/core.ts';
import { KeytarSecretStore } from '../../../../electron/core/credentials/keytar-secret-store.ts';
import { createLogger } from '../../../../electron/core/log.ts';
import { runCli } from '../../../support/run-cli.ts';
import { startDemoEnv, textOfFilesUnder, type DemoEnv } from '../../../support/demo-env.ts';
import { requireKeyring } from '../../../support/keyring.ts';

let d: DemoEnv;
let core: Core;
const logs: string[] = [];
const events: unknown[] = [];
const results: unknown[] = [];

beforeAll(async () => {
  requireKeyring();
  d = await startDemoEnv();
  core = createCore({
    sources: { files: [], mustExist: false, origin: 'env' },
    log: createLogger({ level: 'debug', write: (l) => logs.push(l) }),
    host: 'browser',
    secrets: new KeytarSecretStore(),
    home: join(d.kubedeskHome, 'scan'),
  });
  for (const e of EVENT_CHANNELS) core.events.on(e, (payload) => events.push({ e, payload }));
});
afterAll(async () => {
  await core?.dispose();
  await d?.dispose();
});

async function call(channel: string, req: unknown): Promise<unknown> {
  const r = await dispatch(
    { handlers: core.handlers, log: createLogger({ level: 'debug', write: (l) => logs.push(l) }) },
    channel,
    req,
    new AbortController().signal,
  );
  results.push(r);
  return r;
}

describe('no secret outside the keychain (scan test)', () => {
  it('after importing the demo kubeconfigs through the IPC contract and the CLI, no file, log line, IPC event or result holds a secret', async () => {
    const yaml = readFileSync(d.kubeconfig, 'utf8');
    expect(await call('contexts:preview', { yaml })).toMatchObject({ ok: true });
    expect(await call('contexts:import', { yaml })).toEqual({ ok: true, value: { imported: ['demo', 'demo-basic', 'demo-cert'] } });
    expect(await call('contexts:list', undefined)).toMatchObject({ ok: true, value: { problems: [] } });
    for (const name of ['demo', 'demo-basic', 'demo-cert']) {
      const detail = (await call('contexts:detail', { name })) as { value: { secrets: Array<{ where: string }> } };
      expect(detail.value.secrets.every((s) => s.where === 'keychain')).toBe(true);
      // Health connects with the keychain secret: the demo says who we are.
      expect(await call('contexts:health', { name })).toMatchObject({
        ok: true,
        value: { reachable: true, tlsVerified: true, username: expect.any(String) },
      });
    }
    await call('contexts:rename', { from: 'demo-basic', to: 'basic' });
    await call('contexts:use', { name: 'basic' });
    // What reads and shows credentials' effects: the doctor, topology, services and their recipes.
    expect(await call('doctor:run', { context: 'basic', service: 'shop/web' })).toMatchObject({ ok: true });
    expect(await call('topology:get', { context: 'basic', namespace: 'shop' })).toMatchObject({ ok: true });
    expect(await call('services:recipes', { context: 'basic' })).toMatchObject({ ok: true });
    expect(await call('services:detail', { context: 'basic', namespace: 'shop', name: 'web' })).toMatchObject({ ok: true });
    await call('contexts:remove', { name: 'demo-cert' });
    // A failure path too: a bad paste's error never echoes the pasted secrets.
    await call('contexts:import', { yaml: yaml.replace('kind: Config', 'kind: Config\nkind: Twice') });

    // The CLI with debug logs on.
    const env = { ...d.env, KUBEDESK_HOME: join(d.kubedeskHome, 'scan-cli'), KUBEDESK_LOG: 'debug' };
    const cli = [
      await runCli(['import', d.kubeconfig, '--verbose'], { env }),
      await runCli(['contexts', '--json'], { env }),
      await runCli(['whoami', '--context', 'demo-cert', '--verbose'], { env }),
      await runCli(['doctor', '--context', 'demo-cert', '--service', 'shop/web', '--verbose'], { env }),
      await runCli(['services', '--context', 'demo', '-n', 'shop', '--json'], { env }),
      await runCli(['remove', 'demo', '--verbose'], { env }),
    ];
    expect(cli.map((r) => r.code)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(cli[0]!.stderr).toContain('secret stored in the keychain');

    const haystack = [
      textOfFilesUnder(join(d.kubedeskHome, 'scan')),
      textOfFilesUnder(join(d.kubedeskHome, 'scan-cli')),
      logs.join(''),
      JSON.stringify(events),
      JSON.stringify(results),
      cli.map((r) => r.stdout + r.stderr).join(''),
    ].join('\n');
    expect(haystack).toContain('demo-cert');
    expect(events.length).toBeGreaterThan(0);
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of d.secrets) expect(haystack).not.toContain(secret);
  });
});
