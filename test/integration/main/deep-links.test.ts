// kubedesk:// links in the built main process (stand-in Electron, app-harness.ts) with a real core on
// the demo cluster: a second launch's argv (Windows, Linux) and macOS's open-url show a view or start
// a saved forward; a link the app does not know changes nothing but says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_INDEX_URL } from '../../../electron/main/app-protocol.ts';
import { demoEnvForSuite } from '../../support/demo-env.ts';
import { startApp, type Report, type RunningApp } from './app-harness.ts';

const env = demoEnvForSuite();
let app: RunningApp;

beforeAll(async () => {
  app = await startApp(env().kubeconfig);
});

afterAll(() => {
  if (app.child.exitCode === null) app.child.kill();
});

type ForwardInfo = { id: string; state: string };

async function invoke(channel: string, req?: unknown): Promise<{ ok: boolean; value?: unknown }> {
  const r = await app.send({ cmd: 'invoke', channel: `kubedesk:${channel}`, req, from: APP_INDEX_URL });
  return r['result'] as { ok: boolean; value?: unknown };
}

describe('kubedesk:// links (built main, stand-in Electron)', () => {
  it('a second launch with kubedesk://view/services shows the window on the Services view', async () => {
    const loaded = app.next('window.loadURL', (r) => r['url'] === `${APP_INDEX_URL}#services`);
    await app.send({ cmd: 'second-instance', argv: ['/opt/KubeDesk/kubedesk', '--no-sandbox', 'kubedesk://view/services'] });
    await loaded;
    expect(app.evs().slice(app.evs().lastIndexOf('window.loadURL'))).toContain('window.show');
    expect(app.reports.filter((r) => r.ev === 'window.created')).toHaveLength(1);
  });

  it('macOS open-url kubedesk://forward/start?id=… starts that saved forward and shows Port forwards', async () => {
    const spec = { context: 'demo', namespace: 'shop', target: 'svc/web', ports: [':80'] };
    const added = await invoke('forward:add', { spec, start: false });
    const id = (added.value as ForwardInfo).id;
    expect((added.value as ForwardInfo).state).not.toBe('active');
    await app.send({ cmd: 'open-url', url: `kubedesk://forward/start?id=${id}` });
    await app.next('window.loadURL', (r) => r['url'] === `${APP_INDEX_URL}#forwards`);
    // The tray follows the core's forward events: the saved forward is now the one active.
    await app.next('tray.tooltip', (r) => r['text'] === 'KubeDesk: 1 forward active');
    const listed = (await invoke('forward:list')).value as ForwardInfo[];
    expect(listed.find((f) => f.id === id)?.state).toBe('active');
  });

  it('an unknown link starts nothing and shows a notification', async () => {
    const before = app.reports.length;
    const note = app.next('notification', (r: Report) => app.reports.indexOf(r) >= before);
    await app.send({ cmd: 'open-url', url: 'kubedesk://forward/start?id=../../etc' });
    expect(await note).toMatchObject({ options: { title: 'Link not understood' } });
    await app.send({ cmd: 'second-instance', argv: ['/opt/KubeDesk/kubedesk', 'kubedesk://forward/start?id=no-such-forward'] });
    expect(await app.next('notification', (r: Report) => (r['options'] as { title: string }).title === 'Forward not started')).toBeTruthy();
  });
});
