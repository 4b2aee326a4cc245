import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { findPortOwner, portInUseMessage } from '../../../../electron/core/forward/port-owner.ts';
import { onlyOn } from '../../../support/platform.ts';

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise<void>((r) => s.close(() => r()));
});

describe('port owner for port-in-use', () => {
  it('finds this process as the owner of a port it listens on', onlyOn(['linux'], 'reads /proc/net/tcp'), async () => {
    const s = createServer();
    servers.push(s);
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const owner = await findPortOwner((s.address() as AddressInfo).port);
    expect(owner?.pid).toBe(process.pid);
    expect(owner?.command.length).toBeGreaterThan(0);
  });

  it('answers undefined for a port nobody listens on', async () => {
    const s = createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const port = (s.address() as AddressInfo).port;
    await new Promise<void>((r) => s.close(() => r()));
    expect(await findPortOwner(port)).toBeUndefined();
  });

  it('names the port, and the owner when known', () => {
    expect(portInUseMessage(8080, { pid: 42, command: 'python3' })).toBe('port 8080 is already in use by python3 (pid 42)');
    expect(portInUseMessage(8080, undefined)).toBe('port 8080 is already in use');
  });
});
