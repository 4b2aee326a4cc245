// The cluster agent's socket-pool names (docs/proxy.md, Performance): short for the agent's own
// CA, certificate and key, still distinct for anything else, so no socket is shared across TLS
// settings.
import { Agent as HttpsAgent } from 'node:https';
import { describe, expect, it } from 'vitest';
import { createAgent } from '../../../../electron/core/cluster/cluster-connection.ts';

const pem = (what: string, fill: string): Buffer => Buffer.from(`-----BEGIN ${what}-----\n${fill.repeat(1200)}\n-----END ${what}-----\n`);

describe('the cluster agent names its socket pools', () => {
  const server = new URL('https://127.0.0.1:6443');
  const tls = { ca: pem('CERTIFICATE', 'A'), cert: pem('CERTIFICATE', 'B'), key: pem('PRIVATE KEY', 'C'), rejectUnauthorized: true };
  const agent = createAgent(server, tls) as HttpsAgent;
  // As Node's addRequest passes them: the request's options with the agent's own spread over them.
  const own = { host: '127.0.0.1', port: 6443, ...agent.options };

  it('without the PEMs themselves, the same name every time', () => {
    const name = agent.getName(own);
    expect(name.length).toBeLessThan(200);
    expect(name).not.toContain('BEGIN');
    expect(agent.getName({ ...own })).toBe(name);
  });

  it('apart for another host, port, CA, client certificate, server name or verification', () => {
    const name = agent.getName(own);
    const others = [
      { ...own, host: '127.0.0.2' },
      { ...own, port: 6444 },
      { ...own, ca: pem('CERTIFICATE', 'D') },
      { ...own, cert: pem('CERTIFICATE', 'E') },
      { ...own, servername: 'kubernetes' },
      { ...own, rejectUnauthorized: false },
    ];
    const names = others.map((o) => agent.getName(o));
    for (const n of names) expect(n).not.toBe(name);
    expect(new Set(names).size).toBe(others.length);
  });

  it("keeps Node's own name for any other TLS option, and never one of the short names", () => {
    const node = new HttpsAgent(agent.options);
    const options = { ...own, ciphers: 'ECDHE-RSA-AES128-GCM-SHA256' };
    expect(agent.getName(options)).toBe(node.getName(options));
    expect(agent.getName(options)).not.toBe(agent.getName(own));
  });
});
