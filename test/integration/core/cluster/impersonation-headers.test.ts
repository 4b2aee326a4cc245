// kubeconfig impersonation (`as`, `as-groups`, `as-user-extra`) on the wire, as client-go's
// NewImpersonatingRoundTripper sends it (client-go/transport/round_trippers.go): one
// `Impersonate-Group` line per group and one `Impersonate-Extra-<key>` line per value. The
// apiserver reads each line as one value, so joined values would name a group `ops,dev`.
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { kubeJson } from '../../../../electron/core/cluster/kube-request.ts';
import { startRecordingApiserver, type RecordedRequest } from '../../../fakes/recording-apiserver.ts';
import { kubeconfig, setup, tempDir, writeFile } from '../../../support/kubedesk-fixtures.ts';
import { startCli } from '../../../support/run-cli.ts';

/** Every value of header `name`, one per line as it arrived. */
function lines(req: RecordedRequest, name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    if (req.rawHeaders[i]!.toLowerCase() === name.toLowerCase()) out.push(req.rawHeaders[i + 1]!);
  return out;
}

async function fixture(): Promise<{ file: string; requests: RecordedRequest[]; url: string }> {
  const api = await startRecordingApiserver();
  onTestFinished(() => api.dispose());
  const dir = tempDir();
  const file = writeFile(
    dir,
    'config',
    kubeconfig({
      current: 'x',
      clusters: [{ name: 'k', cluster: { server: api.url, 'certificate-authority-data': Buffer.from(api.caPem).toString('base64') } }],
      users: [
        {
          name: 'u',
          user: { token: 'imp-token', as: 'jane', 'as-groups': ['ops', 'dev'], 'as-user-extra': { scopes: ['view', 'edit'] } },
        },
      ],
      contexts: [{ name: 'x', cluster: 'k', user: 'u' }],
    }),
  );
  return { file, requests: api.requests, url: api.url };
}

describe('impersonation headers', () => {
  it('sends each as-groups entry and each as-user-extra value as its own header line, as kubectl does', async () => {
    const { file, requests } = await fixture();
    const { provider } = setup({ files: [file] });
    const conn = await provider.connect('x');
    onTestFinished(() => conn.dispose());
    await kubeJson(conn, { path: '/api' });
    expect(requests).toHaveLength(1);
    expect(lines(requests[0]!, 'Impersonate-User')).toEqual(['jane']);
    expect(lines(requests[0]!, 'Impersonate-Group')).toEqual(['ops', 'dev']);
    expect(lines(requests[0]!, 'Impersonate-Extra-scopes')).toEqual(['view', 'edit']);
  });

  it('kubedesk proxy forwards the kubeconfig groups as separate Impersonate-Group lines', async () => {
    const { file, requests } = await fixture();
    const p = startCli(['proxy', '--port', '0'], { env: { KUBECONFIG: file, KUBEDESK_HOME: join(tempDir(), 'kd') } });
    const [, port] = await p.waitForLine(/^Starting to serve on 127\.0\.0\.1:(\d+)$/);
    const res = await fetch(`http://127.0.0.1:${port}/api/`);
    expect(res.status).toBe(200);
    expect(lines(requests.at(-1)!, 'Impersonate-Group')).toEqual(['ops', 'dev']);
    expect(lines(requests.at(-1)!, 'Authorization')).toEqual(['Bearer imp-token']);
  });
});
