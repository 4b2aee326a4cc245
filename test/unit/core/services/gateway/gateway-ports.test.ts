import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GatewayPorts } from '../../../../../electron/core/services/gateway/gateway-ports.ts';

describe('GatewayPorts (docs/service-gateway.md, Remembered ports)', () => {
  it('remembers a port per service port in KUBEDESK_HOME/gateway-ports.json, across instances', async () => {
    const home = mkdtempSync(join(tmpdir(), 'kd-gw-ports-'));
    const a = new GatewayPorts(home);
    expect(await a.get('demo/shop/web:http')).toBeUndefined();
    await Promise.all([a.remember('demo/shop/web:http', 40001), a.remember('demo/shop/api:http', 40002)]);
    const b = new GatewayPorts(home);
    expect(await b.get('demo/shop/web:http')).toBe(40001);
    await b.remember('demo/shop/web:http', 40003);
    expect(JSON.parse(readFileSync(join(home, 'gateway-ports.json'), 'utf8'))).toEqual({
      version: 1,
      ports: { 'demo/shop/web:http': 40003, 'demo/shop/api:http': 40002 },
    });
  });

  it('reads a damaged file as empty, and drops entries that are not ports', async () => {
    const home = mkdtempSync(join(tmpdir(), 'kd-gw-ports-'));
    const file = join(home, 'gateway-ports.json');
    writeFileSync(file, '{not json');
    expect(await new GatewayPorts(home).get('x')).toBeUndefined();
    writeFileSync(file, JSON.stringify({ version: 1, ports: { a: 70000, b: 'x', c: 8080 } }));
    const p = new GatewayPorts(home);
    expect([await p.get('a'), await p.get('b'), await p.get('c')]).toEqual([undefined, undefined, 8080]);
  });
});
