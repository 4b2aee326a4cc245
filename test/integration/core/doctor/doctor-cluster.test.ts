// The cluster path against the real demo cluster and broken copies of its kubeconfig: each broken
// case fails at exactly its hop, every hop before it passes, and no secret shows anywhere.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { DOCTOR_HOPS } from '../../../../electron/shared/contract/doctor.ts';
import { startDemoCluster, type DemoCluster } from '../../../../electron/core/demo/demo-cluster.ts';
import { createDemoPki } from '../../../../electron/core/demo/demo-certs.ts';
import { check, doctorOver, expectFailsAt, expectHealthy, kubeconfigOf } from './doctor-fixture.ts';

const CLUSTER_HOPS = DOCTOR_HOPS.slice(0, DOCTOR_HOPS.indexOf('clock') + 1);

let demo: DemoCluster;
let secrets: string[];

beforeAll(async () => {
  demo = await startDemoCluster();
  const c = demo.credentials;
  const keyBody = c.clientKeyPem.split('\n').filter((l) => l && !l.startsWith('-----'))[0]!;
  secrets = [c.token, c.password, keyBody, Buffer.from(c.clientKeyPem).toString('base64').slice(0, 40)];
});
afterAll(() => demo?.dispose());

function expectNoSecret(text: string): void {
  for (const s of secrets) expect(text.includes(s), 'a secret in the output').toBe(false);
}

async function freePort(): Promise<number> {
  const s: Server = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('doctor, cluster path', () => {
  it('passes every hop of the healthy demo, in path order, streaming each check as it finishes', async () => {
    for (const context of ['demo', 'demo-basic', 'demo-cert']) {
      const { report, streamed } = await doctorOver(kubeconfigOf(demo), { context });
      expect(report.checks.map((c) => c.hop)).toEqual(CLUSTER_HOPS);
      expectHealthy(report);
      expect(streamed).toEqual(report.checks);
      expect(check(report, 'dns').detail).toContain('IP literal');
      expect(check(report, 'proxy').status).toBe('skipped');
      expect(check(report, 'version').detail).toMatch(/Kubernetes v\d+\.\d+/);
      expect(check(report, 'authorization').detail).toContain('create pods/portforward');
      expectNoSecret(JSON.stringify(report));
    }
  });

  it('names the field at fault when the kubeconfig entry is broken', async () => {
    const file = kubeconfigOf(demo, (d) => {
      d.clusters[0]!.cluster['certificate-authority'] = '/nonexistent/kubedesk-ca.crt';
      delete d.clusters[0]!.cluster['certificate-authority-data'];
    });
    const failed = expectFailsAt((await doctorOver(file)).report, 'kubeconfig');
    expect(failed.detail).toContain('clusters[0].cluster.certificate-authority');
  });

  it('fails at kubeconfig for a context that does not exist', async () => {
    const failed = expectFailsAt((await doctorOver(kubeconfigOf(demo), { context: 'nope' })).report, 'kubeconfig');
    expect(failed.detail).toContain('context was not found for specified context: nope');
  });

  it('fails at dns for a host that does not resolve (the resolver is injected: no query leaves this machine)', async () => {
    const file = kubeconfigOf(demo, (d) => (d.clusters[0]!.cluster['server'] = 'https://apiserver.kubedesk-test.invalid:6443'));
    const lookup = async (host: string): Promise<never> => {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    };
    const failed = expectFailsAt((await doctorOver(file, {}, { lookup })).report, 'dns');
    expect(failed.detail).toContain('cannot resolve apiserver.kubedesk-test.invalid');
    expect(failed.detail).toContain('ENOTFOUND');
  });

  it('fails at tcp with "refused" for a closed port', async () => {
    const port = await freePort();
    const file = kubeconfigOf(demo, (d) => (d.clusters[0]!.cluster['server'] = `https://127.0.0.1:${port}`));
    const failed = expectFailsAt((await doctorOver(file)).report, 'tcp');
    expect(failed.detail).toContain('refused');
  });

  it('fails at tls with a timeout, well within 10 s, when the server accepts connections and then says nothing', async () => {
    const held = new Set<Socket>();
    const mute = createServer((socket) => {
      held.add(socket);
      socket.on('error', () => {});
    });
    await new Promise<void>((r) => mute.listen(0, '127.0.0.1', r));
    onTestFinished(async () => {
      for (const h of held) h.destroy();
      await new Promise<void>((r) => mute.close(() => r()));
    });
    const port = (mute.address() as { port: number }).port;
    const file = kubeconfigOf(demo, (d) => (d.clusters[0]!.cluster['server'] = `https://127.0.0.1:${port}`));
    const started = performance.now();
    const failed = expectFailsAt((await doctorOver(file)).report, 'tls');
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(failed.detail).toBe('no answer within 2500 ms (timed out)');
  });

  it('fails at tls with "unknown certificate authority", naming the issuer, for a CA from elsewhere', async () => {
    const other = await createDemoPki();
    const file = kubeconfigOf(
      demo,
      (d) => (d.clusters[0]!.cluster['certificate-authority-data'] = Buffer.from(other.caPem).toString('base64')),
    );
    const failed = expectFailsAt((await doctorOver(file)).report, 'tls');
    expect(failed.detail).toContain('unknown certificate authority');
    expect(failed.detail).toContain('issued by "CN=kubedesk-demo-ca"');
    expect(failed.detail).toContain('clusters[0].cluster.certificate-authority-data');
  });

  it('passes tls with a warning when insecure-skip-tls-verify is on', async () => {
    const file = kubeconfigOf(demo, (d) => {
      delete d.clusters[0]!.cluster['certificate-authority-data'];
      d.clusters[0]!.cluster['insecure-skip-tls-verify'] = true;
    });
    const { report } = await doctorOver(file);
    expectHealthy(report);
    const tls = check(report, 'tls');
    expect(tls.detail).toMatch(/^warning: insecure-skip-tls-verify/);
    expect(tls.hint).toContain('clusters[0].cluster.insecure-skip-tls-verify');
  });

  it('fails at tls listing the certificate names when tls-server-name is not among them', async () => {
    const file = kubeconfigOf(demo, (d) => (d.clusters[0]!.cluster['tls-server-name'] = 'api.elsewhere.test'));
    const failed = expectFailsAt((await doctorOver(file)).report, 'tls');
    expect(failed.detail).toContain('not api.elsewhere.test');
    expect(failed.detail).toContain('DNS:kubernetes.default.svc');
    expect(failed.detail).toContain('IP:127.0.0.1');
  });

  it('fails at credentials with the installHint when the exec plugin is not installed', async () => {
    const file = kubeconfigOf(demo, (d) => {
      d.users[0]!.user = {
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1',
          command: 'kubedesk-no-such-plugin',
          interactiveMode: 'Never',
          installHint: 'Install it with: brew install kubedesk-no-such-plugin',
        },
      };
    });
    const failed = expectFailsAt((await doctorOver(file)).report, 'credentials');
    expect(failed.detail).toBe('exec: executable kubedesk-no-such-plugin not found');
    expect(failed.hint).toContain('Install it with: brew install kubedesk-no-such-plugin');
  });

  it('fails at authentication with 401, naming the credential kind refused, for a wrong token', async () => {
    const file = kubeconfigOf(demo, (d) => (d.users[0]!.user['token'] = 'not-the-demo-token'));
    const { report } = await doctorOver(file);
    const failed = expectFailsAt(report, 'authentication');
    expect(failed.detail).toBe('401 Unauthorized: the apiserver refused the bearer token from users[0].user.token');
    expect(check(report, 'version').status).toBe('skipped');
    expect(check(report, 'authorization').status).toBe('skipped');
    // The 401 still carries a Date header.
    expect(check(report, 'clock').status).toBe('ok');
    expect(JSON.stringify(report)).not.toContain('not-the-demo-token');
  });

  it('fails at clock when this machine is 10 minutes off', async () => {
    const now = (): number => Date.now() + 10 * 60_000;
    const failed = expectFailsAt((await doctorOver(kubeconfigOf(demo), {}, { now })).report, 'clock');
    expect(failed.detail).toMatch(/the server clock is 6\d\d s behind/);
  });

  it('goes through proxy-url and checks the tunnel', async () => {
    const { url, connects } = await connectProxy();
    const { report } = await doctorOver(kubeconfigOf(demo, (d) => (d.clusters[0]!.cluster['proxy-url'] = url)));
    expectHealthy(report);
    expect(check(report, 'proxy').status).toBe('ok');
    expect(check(report, 'tcp').detail).toContain('the proxy http://127.0.0.1:');
    expect(connects.length).toBeGreaterThan(0);
    expect(connects.every((c) => c === `127.0.0.1:${demo.port}`)).toBe(true);
  });
});

/** A minimal HTTP CONNECT proxy on 127.0.0.1 that records what it was asked to reach. */
async function connectProxy(): Promise<{ url: string; connects: string[] }> {
  const connects: string[] = [];
  const server = createServer((client) => {
    client.once('data', (head: Buffer) => {
      const m = /^CONNECT (\S+):(\d+) HTTP/.exec(head.toString('latin1'));
      if (!m) return client.destroy();
      connects.push(`${m[1]}:${m[2]}`);
      const up = connect(Number(m[2]), m[1]!, () => {
        client.write('HTTP/1.1 200 Connection established\r\n\r\n');
        client.pipe(up).pipe(client);
      });
      up.on('error', () => client.destroy());
      client.on('error', () => up.destroy());
    });
  });
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  onTestFinished(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  });
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, connects };
}
