// An HTTP CONNECT proxy and a SOCKS5 proxy on loopback, for a kubeconfig's `proxy-url`
// (docs/kubeconfig.md, Clusters): each records where it was asked to go and splices the bytes.
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { kubeconfig, tempDir, writeFile } from '../support/kubedesk-fixtures.ts';

/**
 * A kubeconfig whose one context reaches `api` (by the name `localhost`, which is never proxied
 * otherwise) through `proxyUrl`, with a bearer `token`; returns its path.
 */
export function tunnelKubeconfig(api: { url: string; caPem: string }, proxyUrl: string, token: string): string {
  return writeFile(
    tempDir(),
    'config',
    kubeconfig({
      current: 'c',
      clusters: [
        {
          name: 'k',
          cluster: {
            server: api.url.replace('127.0.0.1', 'localhost'),
            'certificate-authority-data': Buffer.from(api.caPem).toString('base64'),
            'proxy-url': proxyUrl,
          },
        },
      ],
      users: [{ name: 'u', user: { token } }],
      contexts: [{ name: 'c', cluster: 'k', user: 'u' }],
    }),
  );
}

/** A CONNECT proxy and a SOCKS5 proxy on loopback that record where they were asked to go. */
export function startTunnelProxy(kind: 'connect' | 'socks5'): Promise<{ url: string; targets: string[]; server: Server }> {
  const targets: string[] = [];
  const server = createServer((client: Socket) => {
    client.once('data', (first: Buffer) => {
      if (kind === 'connect') {
        const m = /^CONNECT (\S+):(\d+) HTTP\/1\.1\r\n/.exec(first.toString('latin1'))!;
        targets.push(`${m[1]}:${m[2]}`);
        const up = connect(Number(m[2]), m[1]!, () => {
          client.write('HTTP/1.1 200 Connection established\r\n\r\n');
          up.pipe(client).pipe(up);
        });
        up.on('error', () => client.destroy());
        return;
      }
      client.write(Buffer.from([5, 0]));
      client.once('data', (req: Buffer) => {
        const type = req[3];
        const host = type === 1 ? [...req.subarray(4, 8)].join('.') : req.subarray(5, 5 + req[4]!).toString();
        const port = req.readUInt16BE(req.length - 2);
        targets.push(`${host}:${port}`);
        const up = connect(port, host, () => {
          client.write(Buffer.from([5, 0, 0, 1, 127, 0, 0, 1, 0, 0]));
          up.pipe(client).pipe(up);
        });
        up.on('error', () => client.destroy());
      });
    });
    client.on('error', () => {});
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `${kind === 'connect' ? 'http' : 'socks5'}://127.0.0.1:${(server.address() as AddressInfo).port}`, targets, server }),
    ),
  );
}
