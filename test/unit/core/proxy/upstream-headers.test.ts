import { describe, expect, it } from 'vitest';
import { buildUpstreamHeaders } from '../../../../electron/core/proxy/upstream-headers.ts';

const base = {
  method: 'GET',
  isUpgrade: false,
  apiHost: '10.0.0.1:6443',
  clientAddress: '127.0.0.1',
  credentials: { Authorization: 'Bearer KC' },
};

/** The values sent for a header name, any case, in order. */
function values(flat: string[], name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < flat.length; i += 2) if (flat[i]!.toLowerCase() === name.toLowerCase()) out.push(flat[i + 1]!);
  return out;
}
function names(flat: string[]): string[] {
  return flat.filter((_v, i) => i % 2 === 0);
}

describe('buildUpstreamHeaders (docs/proxy.md, steps 4-5 and Upgrades)', () => {
  it('adds the kubeconfig credentials only when the client sent no Authorization (conformance case 14)', () => {
    const own = buildUpstreamHeaders({ ...base, rawHeaders: ['Accept', 'application/json'] });
    expect(values(own.headers, 'authorization')).toEqual(['Bearer KC']);
    expect(own.usedOwnAuthorization).toBe(true);
    const client = buildUpstreamHeaders({ ...base, rawHeaders: ['authorization', 'Bearer X'] });
    expect(values(client.headers, 'authorization')).toEqual(['Bearer X']);
    expect(client.usedOwnAuthorization).toBe(false);
  });

  it('sets Host to the apiserver (once) and appends X-Forwarded-For', () => {
    const h = buildUpstreamHeaders({
      ...base,
      rawHeaders: ['Host', 'localhost:8001', 'X-Forwarded-For', '10.1.1.1', 'x-forwarded-for', '10.2.2.2'],
    }).headers;
    expect(values(h, 'host')).toEqual(['10.0.0.1:6443']);
    expect(values(h, 'x-forwarded-for')).toEqual(['10.1.1.1, 10.2.2.2, 127.0.0.1']);
  });

  it('reports v4-mapped client addresses as IPv4, as Go does', () => {
    expect(values(buildUpstreamHeaders({ ...base, clientAddress: '::ffff:127.0.0.1', rawHeaders: [] }).headers, 'x-forwarded-for')).toEqual(
      ['127.0.0.1'],
    );
  });

  it('drops hop-by-hop headers, including those named in Connection, for plain requests', () => {
    const h = buildUpstreamHeaders({
      ...base,
      rawHeaders: [
        'Connection',
        'keep-alive, X-Private',
        'Keep-Alive',
        '5',
        'X-Private',
        'p',
        'TE',
        'trailers',
        'Transfer-Encoding',
        'chunked',
        'Expect',
        '100-continue',
        'X-Ok',
        '1',
      ],
    }).headers;
    expect(names(h)).toEqual(['Host', 'X-Ok', 'X-Forwarded-For', 'Authorization']);
  });

  it('keeps Connection and Upgrade for upgrades (kubectl writes the request as it came)', () => {
    const h = buildUpstreamHeaders({ ...base, isUpgrade: true, rawHeaders: ['Connection', 'Upgrade', 'Upgrade', 'SPDY/3.1'] }).headers;
    expect(values(h, 'connection')).toEqual(['Upgrade']);
    expect(values(h, 'upgrade')).toEqual(['SPDY/3.1']);
  });

  it('never forwards a token carrier (conformance case 22)', () => {
    const h = buildUpstreamHeaders({
      ...base,
      isUpgrade: true,
      rawHeaders: [
        'X-KubeDesk-Token',
        'secret-token',
        'Cookie',
        'a=1; kubedesk_token_8001=secret-token',
        'Cookie',
        'kubedesk_token=secret-token; kubedesk_token_9000=secret-token',
        'Sec-WebSocket-Protocol',
        'kubedesk.token.secret-token, v4.channel.k8s.io',
      ],
    }).headers;
    expect(JSON.stringify(h)).not.toContain('secret-token');
    expect(values(h, 'cookie')).toEqual(['a=1']);
    expect(values(h, 'sec-websocket-protocol')).toEqual(['v4.channel.k8s.io']);
  });

  it('says Content-Length: 0 for a bodiless POST (as Go does), so nothing trails an upgrade', () => {
    expect(values(buildUpstreamHeaders({ ...base, method: 'POST', rawHeaders: [] }).headers, 'content-length')).toEqual(['0']);
    expect(
      values(buildUpstreamHeaders({ ...base, method: 'POST', rawHeaders: ['Content-Length', '5'] }).headers, 'content-length'),
    ).toEqual(['5']);
    expect(
      values(buildUpstreamHeaders({ ...base, method: 'POST', rawHeaders: ['Transfer-Encoding', 'chunked'] }).headers, 'content-length'),
    ).toEqual([]);
    expect(values(buildUpstreamHeaders({ ...base, rawHeaders: [] }).headers, 'content-length')).toEqual([]);
  });

  it('keeps repeated headers as separate lines, in order', () => {
    const h = buildUpstreamHeaders({ ...base, rawHeaders: ['Accept', 'a', 'accept', 'b'] }).headers;
    expect(values(h, 'accept')).toEqual(['a', 'b']);
  });

  it("adds the kubeconfig's impersonation only without the client's Impersonate-User", () => {
    const creds = { Authorization: 'Bearer KC', 'Impersonate-User': 'jane', 'Impersonate-Group': 'dev' };
    const own = buildUpstreamHeaders({ ...base, credentials: creds, rawHeaders: ['Impersonate-Group', 'sneaky'] }).headers;
    expect(values(own, 'impersonate-user')).toEqual(['jane']);
    expect(values(own, 'impersonate-group')).toEqual(['dev']);
    const client = buildUpstreamHeaders({ ...base, credentials: creds, rawHeaders: ['Impersonate-User', 'bob'] }).headers;
    expect(values(client, 'impersonate-user')).toEqual(['bob']);
    expect(values(client, 'impersonate-group')).toEqual([]);
  });
});
