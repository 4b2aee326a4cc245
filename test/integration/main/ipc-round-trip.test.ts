// Main's IPC wiring (electron/main/ipc.ts) over a real core on the demo cluster. FakeIpcMain stands
// in for Electron's ipcMain (its binary cannot run in tests) and calls each handler as a frame at
// the given URL would. Every contract channel is called once with a valid request; then every
// channel is called with an invalid payload and from foreign frames, and nothing may change.
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { Core } from '../../../electron/core/core.ts';
import { APP_INDEX_URL } from '../../../electron/main/app-protocol.ts';
import { registerIpc, trustedUrlChecker } from '../../../electron/main/ipc.ts';
import { CHANNELS, IPC_PREFIX, type Channel, type IpcContract, type Result } from '../../../electron/shared/ipc-contract.ts';
import { silentLogger } from '../../../electron/core/log.ts';
import { FakeIpcMain } from '../../fakes/fake-ipc-main.ts';
import { demoEnvForSuite } from '../../support/demo-env.ts';
import { demoCore } from './desktop-support.ts';

const env = demoEnvForSuite();
const VOID_CHANNELS = new Set<Channel>([
  'app:info',
  'contexts:list',
  'demo:status',
  'demo:start',
  'forward:list',
  'proxy:list',
  'services:gateways',
]);

interface Wired {
  core: Core;
  ipc: FakeIpcMain;
  home: string;
  call<C extends Channel>(channel: C, req: IpcContract[C]['req'], from?: string): Promise<Result<IpcContract[C]['res']>>;
}

function wire(): Wired {
  const home = join(mkdtempSync(join(tmpdir(), 'kd-ipc-')), 'kubedesk');
  const core = demoCore(env().kubeconfig, home);
  const ipc = new FakeIpcMain();
  const reg = registerIpc({ ipcMain: ipc, core, log: silentLogger, isTrustedUrl: trustedUrlChecker(APP_INDEX_URL, undefined) });
  onTestFinished(async () => {
    reg.dispose();
    await core.dispose();
  });
  return {
    core,
    ipc,
    home,
    call: (channel, req, from = APP_INDEX_URL) => ipc.invoke(IPC_PREFIX + channel, req, from) as Promise<Result<never>>,
  };
}

function ok<T>(r: Result<T>, what: string): T {
  expect(r, what).toMatchObject({ ok: true });
  return (r as { ok: true; value: T }).value;
}

/** Files under a folder with their sizes and times: "touches nothing" means this does not change. */
function tree(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir, { recursive: true }) as string[];
  } catch {
    return [];
  }
  return names.sort().map((n) => {
    const s = statSync(join(dir, n));
    return `${n} ${s.size} ${s.mtimeMs}`;
  });
}

describe('main IPC over a real core (demo cluster)', () => {
  let yaml: string;
  beforeAll(() => {
    yaml = readFileSync(env().kubeconfig, 'utf8');
  });

  it('round-trips every contract channel from our own renderer', async () => {
    const { call } = wire();
    const demo = env().demo;
    const called = new Set<Channel>();
    const c = async <C extends Channel>(channel: C, req: IpcContract[C]['req']): Promise<Result<IpcContract[C]['res']>> => {
      called.add(channel);
      return call(channel, req);
    };

    expect(ok(await c('app:info', undefined), 'app:info')).toMatchObject({ name: 'KubeDesk', host: 'electron' });
    expect(ok(await c('contexts:list', undefined), 'list').contexts.map((x) => x.name)).toEqual(
      expect.arrayContaining(['demo', 'demo-basic', 'demo-cert']),
    );
    expect(ok(await c('contexts:detail', { name: 'demo' }), 'detail')).toMatchObject({ summary: { name: 'demo' } });
    expect(ok(await c('contexts:health', { name: 'demo' }), 'health')).toMatchObject({ reachable: true, tlsVerified: true });
    expect(ok(await c('contexts:preview', { yaml }), 'preview').map((p) => [p.name, p.exists])).toContainEqual(['demo', true]);
    const added = ok(
      await c('contexts:add', {
        name: 'added',
        server: demo.url,
        certificateAuthority: demo.caPem,
        auth: { kind: 'token', token: demo.credentials.token },
      }),
      'add',
    );
    expect(added).toEqual({ name: 'added' });
    const other = yaml.replace('- name: demo-cert\n    context:', '- name: other-cert\n    context:');
    expect(other).not.toBe(yaml);
    expect(ok(await c('contexts:import', { yaml: other, names: ['other-cert'] }), 'import')).toEqual({ imported: ['other-cert'] });
    ok(await c('contexts:rename', { from: 'other-cert', to: 'renamed' }), 'rename');
    ok(await c('contexts:use', { name: 'added' }), 'use');
    ok(await c('contexts:remove', { name: 'renamed' }), 'remove');
    // The keychain for kubectl too: which users of the demo kubeconfig hold inline secrets, a
    // migrate plan (changes nothing), and a kubeconfig exported for the context added above.
    expect(ok(await c('contexts:plaintext-report', undefined), 'plaintext-report').map((p) => p.file)).toEqual([env().kubeconfig]);
    const plan = ok(await c('contexts:migrate', { file: env().kubeconfig, mode: 'plan' }), 'migrate');
    expect(plan.lines.map((l) => l.action)).toEqual(['move', 'leave', 'move']);
    expect(ok(await c('contexts:export-kubeconfig', { contexts: ['added'] }), 'export').path).toMatch(/kubeconfig-kubedesk\.yaml$/);
    // No plugin is waiting: the answer still comes back as a Result, with its error code.
    expect(await c('contexts:exec-answer', { id: 'nobody', text: 'x' })).toMatchObject({ ok: false, error: { code: 'not-found' } });

    expect(ok(await c('forward:list', undefined), 'forward:list')).toEqual([]);
    const spec = { context: 'demo', namespace: 'shop', target: 'svc/web', ports: [':80'] };
    const f = ok(await c('forward:add', { spec, start: false }), 'forward:add');
    expect(f.state).toBe('stopped');
    expect(ok(await c('forward:update', { id: f.id, spec: { ...spec, autostart: true } }), 'update').spec.autostart).toBe(true);
    expect(ok(await c('forward:start', { id: f.id }), 'start').state).toBe('active');
    expect(ok(await c('forward:stop', { id: f.id }), 'stop').state).toBe('stopped');
    expect(ok(await c('forward:start-all', { context: 'demo' }), 'start-all').map((x) => x.state)).toEqual(['active']);
    expect(ok(await c('forward:stop-all', {}), 'stop-all').map((x) => x.state)).toEqual(['stopped']);
    ok(await c('forward:remove', { id: f.id }), 'remove');

    const proxy = ok(await c('proxy:start', { context: 'demo' }), 'proxy:start');
    expect(proxy.state).toBe('listening');
    expect(ok(await c('proxy:list', undefined), 'proxy:list').map((p) => p.context)).toEqual(['demo']);
    expect(ok(await c('proxy:open-url', { context: 'demo' }), 'open-url').url).toMatch(/kubedesk_code=/);
    ok(await c('proxy:stop', { context: 'demo' }), 'proxy:stop');

    const watch = ok(await c('services:watch', { context: 'demo', namespace: 'shop' }), 'watch');
    expect(watch.items.map((s) => s.name)).toContain('web');
    expect(ok(await c('services:detail', { context: 'demo', namespace: 'shop', name: 'web' }), 'detail').service.name).toBe('web');
    const gateway = ok(await c('services:open', { context: 'demo', namespace: 'shop', service: 'web' }), 'open');
    expect(ok(await c('services:gateways', undefined), 'gateways').map((g) => g.id)).toEqual([gateway.id]);
    ok(await c('services:stop-gateway', { id: gateway.id }), 'stop-gateway');
    ok(await c('services:unwatch', { watchId: watch.watchId }), 'unwatch');
    expect(ok(await c('services:recipes', { context: 'demo' }), 'recipes').length).toBeGreaterThan(0);
    expect(ok(await c('topology:get', { context: 'demo', namespace: 'shop' }), 'topology')).toBeTypeOf('object');
    const report = ok(await c('doctor:run', { context: 'demo', service: 'shop/web' }), 'doctor');
    expect(report.checks.map((x) => x.hop)).toContain('service-proxy');

    expect(ok(await c('demo:status', undefined), 'demo:status')).toBeTypeOf('object');
    expect(ok(await c('demo:start', undefined), 'demo:start')).toBeTypeOf('object');

    expect([...called].sort()).toEqual([...CHANNELS].sort());
  });

  it('answers an invalid payload on every channel with invalid-input, and touches nothing', async () => {
    const { call, core, home } = wire();
    const f = ok(
      await call('forward:add', { spec: { context: 'demo', namespace: 'shop', target: 'svc/web', ports: [':80'] }, start: false }),
      'add',
    );
    const before = JSON.stringify([
      await core.handlers['forward:list'](undefined, new AbortController().signal),
      await core.handlers['contexts:list'](undefined, new AbortController().signal),
    ]);
    const files = tree(home);
    expect(files.length).toBeGreaterThan(0);
    for (const channel of CHANNELS) {
      const bad = VOID_CHANNELS.has(channel) ? { x: 1 } : 42;
      expect(await call(channel, bad as never), channel).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    for (const channel of CHANNELS.filter((ch) => !VOID_CHANNELS.has(ch))) {
      expect(await call(channel, { id: f.id, extra: '../../etc' } as never), channel).toMatchObject({
        ok: false,
        error: { code: 'invalid-input' },
      });
    }
    const after = JSON.stringify([
      await core.handlers['forward:list'](undefined, new AbortController().signal),
      await core.handlers['contexts:list'](undefined, new AbortController().signal),
    ]);
    expect(after).toBe(before);
    expect(tree(home)).toEqual(files);
    expect(ok(await call('proxy:list', undefined), 'proxy:list')).toEqual([]);
    expect(ok(await call('services:gateways', undefined), 'gateways')).toEqual([]);
  });

  it('refuses every channel to another frame or origin, and touches nothing', async () => {
    const { call } = wire();
    const spec = { context: 'demo', namespace: 'shop', target: 'svc/web', ports: [':80'] };
    for (const from of [
      'https://evil.example/',
      'app://kubedesk.evil.example/index.html',
      'file:///tmp/index.html',
      'http://127.0.0.1:5173/',
      '',
    ]) {
      for (const channel of CHANNELS) {
        expect(await call(channel, undefined as never, from), `${channel} from ${from}`).toMatchObject({
          ok: false,
          error: { code: 'forbidden' },
        });
      }
      expect(await call('forward:add', { spec }, from)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await call('proxy:start', { context: 'demo' }, from)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(ok(await call('forward:list', undefined), 'forward:list')).toEqual([]);
    expect(ok(await call('proxy:list', undefined), 'proxy:list')).toEqual([]);
  });
});
