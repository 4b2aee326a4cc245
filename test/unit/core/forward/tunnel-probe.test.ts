import { afterEach, describe, expect, it } from 'vitest';
import { probeTunnel } from '../../../../electron/core/forward/tunnel-probe.ts';
import { TunnelError } from '../../../../electron/core/forward/tunnel-open.ts';
import { fakeClusterConnection } from '../../../fakes/fake-cluster-connection.ts';
import { startFakePortForwardServer, type Route } from '../../../fakes/fake-portforward-server.ts';
import { startEchoBackend } from '../../../fakes/tcp-backends.ts';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function probe(route: (pod: string, port: number) => Route, ports = [80]): Promise<unknown> {
  const api = await startFakePortForwardServer(route);
  const conn = fakeClusterConnection(api.url);
  cleanup.push(
    () => api.dispose(),
    () => conn.dispose(),
  );
  try {
    await probeTunnel({ conn, namespace: 'd', pod: 'p' }, ports, undefined, 100);
    return 'ok';
  } catch (err) {
    return err;
  } finally {
    cleanup.push(() => expect(api.requests.at(-1)?.ports).toEqual(ports));
  }
}

describe('probeTunnel: Active only after a real round trip', () => {
  it('passes when every port header arrived and no error followed', async () => {
    const echo = await startEchoBackend();
    cleanup.push(() => echo.dispose());
    expect(await probe(() => ({ backend: echo.port }), [80, 81])).toBe('ok');
  });

  it('fails with the error-channel text when the pod port refuses', async () => {
    const err = await probe(() => ({ error: 'error forwarding port 80 to pod p, uid : connection refused' }));
    expect(err).toBeInstanceOf(TunnelError);
    expect(err).toMatchObject({ kind: 'port', message: 'error forwarding port 80 to pod p, uid : connection refused' });
  });

  it('fails as pod-gone on a 404', async () => {
    expect(await probe(() => ({ status: 404, message: 'pods "p" not found' }))).toMatchObject({ kind: 'pod-gone' });
  });
});
