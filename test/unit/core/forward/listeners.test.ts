import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { parseListenAddresses } from '../../../../electron/core/forward/listen-addresses.ts';
import { bindListeners, closeServers } from '../../../../electron/core/forward/listeners.ts';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function occupy(host: string, port = 0, ipv6Only = false): Promise<number> {
  const s: Server = createServer();
  await new Promise<void>((r) => s.listen({ host, port, ipv6Only }, r));
  cleanup.push(() => new Promise<void>((r) => s.close(() => r())));
  return (s.address() as AddressInfo).port;
}

describe('bindListeners (docs/port-forward.md, Arguments, client-go listenOnPort)', () => {
  it('binds 127.0.0.1 and ::1; a random local port is picked once and reused (conformance 25)', async () => {
    const r = await bindListeners([{ local: 0, remote: 80 }], parseListenAddresses(['localhost']), () => {});
    cleanup.push(() => closeServers(r.servers));
    expect(r.failures).toEqual([]);
    expect(r.bindings.map((b) => b.address)).toEqual(['127.0.0.1', '::1']);
    expect(r.bindings[0]!.local).toBeGreaterThan(0);
    expect(r.bindings[1]!.local).toBe(r.bindings[0]!.local);
    expect(r.localPorts).toEqual([r.bindings[0]!.local]);
  });

  it('localhost fails only when both addresses fail: 127.0.0.1 busy alone is not fatal', async () => {
    const port = await occupy('127.0.0.1');
    const r = await bindListeners([{ local: port, remote: 80 }], parseListenAddresses(['localhost']), () => {});
    cleanup.push(() => closeServers(r.servers));
    expect(r.failures).toEqual([]);
    expect(r.bindings.map((b) => `${b.address}:${b.local}`)).toEqual([`::1:${port}`]);
  });

  it("both busy → kubectl's error text, marked in-use (conformance 28)", async () => {
    const port = await occupy('127.0.0.1');
    await occupy('::1', port, true);
    const r = await bindListeners([{ local: port, remote: 80 }], parseListenAddresses(['localhost']), () => {});
    cleanup.push(() => closeServers(r.servers));
    expect(r.failures).toEqual([
      {
        index: 0,
        local: port,
        remote: 80,
        inUse: true,
        message: `Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:${port}: bind: address already in use unable to create listener: Error listen tcp6 [::1]:${port}: bind: address already in use]`,
      },
    ]);
  });

  it('an explicit address must bind', async () => {
    const port = await occupy('127.0.0.1');
    const r = await bindListeners([{ local: port, remote: 80 }], parseListenAddresses(['127.0.0.1']), () => {});
    expect(r.failures).toHaveLength(1);
    expect(r.servers).toHaveLength(0);
  });

  it('hands each accepted socket to the handler with its port index and bound local port', async () => {
    const seen: Array<[number, number]> = [];
    const r = await bindListeners(
      [
        { local: 0, remote: 80 },
        { local: 0, remote: 90 },
      ],
      parseListenAddresses(['127.0.0.1']),
      (s, i, local) => {
        seen.push([i, local]);
        s.destroy();
      },
    );
    cleanup.push(() => closeServers(r.servers));
    const { connect } = await import('node:net');
    for (const b of r.bindings)
      await new Promise<void>((res) =>
        connect({ host: '127.0.0.1', port: b.local })
          .on('close', () => res())
          .on('error', () => {}),
      );
    expect(seen).toEqual(r.bindings.map((b) => [b.index, b.local]));
  });
});
