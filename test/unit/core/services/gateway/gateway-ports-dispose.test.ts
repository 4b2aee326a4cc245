// Quitting must not cut the write of a remembered gateway port short, nor let one start afterwards
// (docs/service-gateway.md, Remembered ports; store/in-flight-writes.ts): once dispose() resolves,
// gateway-ports.json holds every port remembered so far (no temp file left behind), and a gateway
// whose open was still connecting when dispose began remembers nothing.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { Connect, ConnectionProvider } from '../../../../../electron/core/cluster/connection-provider.ts';
import { DEMO_WEB, startDemoCluster, type DemoCluster } from '../../../../../electron/core/demo/demo-cluster.ts';
import { createLogger } from '../../../../../electron/core/log.ts';
import { GatewayManager } from '../../../../../electron/core/services/gateway/gateway-manager.ts';
import { GatewayPorts } from '../../../../../electron/core/services/gateway/gateway-ports.ts';
import { kubeconfigConnections } from '../../../../support/kubeconfig-connect.ts';
import { listenersLeftBy } from '../../../../support/listeners-left.ts';
import { HeldWrites, rejectionOf, tempDir } from '../../../../support/kubedesk-fixtures.ts';

const PORTS_FILE = 'gateway-ports.json';

function remembered(home: string): unknown {
  return JSON.parse(readFileSync(join(home, PORTS_FILE), 'utf8'));
}

describe('GatewayPorts: dispose and the writes', () => {
  it('writes under way when dispose() is called (one held, one queued) are on disk before it resolves', async () => {
    const home = tempDir();
    const held = new HeldWrites();
    const ports = new GatewayPorts(home, { hooks: held });
    const web = ports.remember('demo/shop/web:http', 40001);
    const api = ports.remember('demo/shop/api:http', 40002);

    await held.entered;
    const disposing = ports.dispose();
    // Let go only on the next turn of the event loop: a dispose() that does not wait has resolved by then.
    setImmediate(() => held.release());
    await disposing;

    expect(readdirSync(home)).toEqual([PORTS_FILE]);
    expect(remembered(home)).toEqual({ version: 1, ports: { 'demo/shop/web:http': 40001, 'demo/shop/api:http': 40002 } });
    const written = readFileSync(join(home, PORTS_FILE), 'utf8');
    await Promise.all([web, api]);
    expect(readdirSync(home)).toEqual([PORTS_FILE]);
    expect(readFileSync(join(home, PORTS_FILE), 'utf8')).toBe(written);
  });

  it('after dispose(), remember is refused with cancelled and writes nothing; get still reads', async () => {
    const home = tempDir();
    const ports = new GatewayPorts(home);
    await ports.remember('demo/shop/web:http', 40001);
    const written = readFileSync(join(home, PORTS_FILE), 'utf8');
    await ports.dispose();

    const err = await rejectionOf(ports.remember('demo/shop/api:http', 40002));
    expect(err.code).toBe('cancelled');
    expect(err.message).toBe(`${join(home, PORTS_FILE)}: not changed, KubeDesk is shutting down`);
    expect(readdirSync(home)).toEqual([PORTS_FILE]);
    expect(readFileSync(join(home, PORTS_FILE), 'utf8')).toBe(written);
    expect(await ports.get('demo/shop/web:http')).toBe(40001);
  });
});

describe('GatewayManager: an open still connecting when dispose() is called (demo cluster)', () => {
  let demo: DemoCluster;
  let connections: ConnectionProvider;

  beforeAll(async () => {
    demo = await startDemoCluster();
    connections = kubeconfigConnections(await demo.writeKubeconfig(mkdtempSync(join(tmpdir(), 'kd-gw-dispose-'))));
  });
  afterAll(async () => {
    connections?.dispose();
    await demo?.dispose();
  });

  it('is refused with cancelled once it connects: nothing listening, no port remembered, the refused write logged', async () => {
    const home = tempDir();
    let connecting!: () => void;
    const entered = new Promise<void>((r) => (connecting = r));
    let letConnect!: () => void;
    const connectHeld = new Promise<void>((r) => (letConnect = r));
    const connect: Connect = async (context, signal) => {
      connecting();
      await connectHeld;
      return connections.connect(context, signal);
    };
    const lines: string[] = [];
    const log = createLogger({ level: 'debug', write: (line) => lines.push(line) });
    const m = new GatewayManager({ connect, log, home });
    onTestFinished(() => m.dispose());

    const { result: err, left } = await listenersLeftBy(async () => {
      const opening = rejectionOf(m.open({ context: 'demo', namespace: 'shop', service: DEMO_WEB.service }));
      await entered;
      await m.dispose();
      letConnect();
      return opening;
    });

    expect(err).toMatchObject({ code: 'cancelled' });
    expect(left).toEqual([]);
    expect(existsSync(join(home, PORTS_FILE))).toBe(false);
    expect(readdirSync(home)).toEqual([]);
    const warned = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((r) => r['level'] === 'warn');
    expect(warned).toEqual([
      expect.objectContaining({
        msg: 'gateway: could not remember its port',
        id: 'demo/shop/web:http',
        error: `${join(home, PORTS_FILE)}: not changed, KubeDesk is shutting down`,
      }),
    ]);
  });
});
