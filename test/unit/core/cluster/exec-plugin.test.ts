import { describe, expect, it, vi } from 'vitest';
import { ExecAuthenticator } from '../../../../electron/core/cluster/exec-authenticator.ts';
import { runExecPlugin, type ExecDeps, type ExecRun } from '../../../../electron/core/cluster/exec-plugin.ts';
import { tempDir, rejectionOf } from '../../../support/kubedesk-fixtures.ts';
import { writeFakePlugin } from '../../../support/fake-exec-plugin.ts';

const V1 = 'client.authentication.k8s.io/v1';
const V1BETA1 = 'client.authentication.k8s.io/v1beta1';

function deps(over: Partial<ExecDeps> = {}): ExecDeps {
  return { env: async () => ({ ...process.env, FROM_PARENT: 'parent' }), stdinIsTTY: false, onStderr: () => {}, ...over };
}

function run(command: string, exec: Partial<ExecRun['exec']> = {}, dir?: string): ExecRun {
  return {
    exec: { apiVersion: V1, command, interactiveMode: 'Never', env: [{ name: 'PLUGIN_TOKEN', value: 'tok' }], ...exec },
    user: 'jane',
    dir,
    cluster: { server: 'https://k.example:6443', 'certificate-authority-data': 'Q0E=', 'tls-server-name': 'k', config: { region: 'eu' } },
  };
}

describe('exec credential plugins (docs/kubeconfig.md, Exec plugins)', () => {
  it('KUBERNETES_EXEC_INFO: kind, the configured apiVersion, interactive false; env added to the parent env; args passed (conformance case 51)', async () => {
    const p = writeFakePlugin(tempDir());
    const cred = await runExecPlugin(
      run(p.path, {
        args: ['get-token', '--cluster', 'k'],
        env: [
          { name: 'PLUGIN_TOKEN', value: 'tok' },
          { name: 'FROM_KUBECONFIG', value: 'kc' },
        ],
      }),
      deps(),
    );
    expect(cred.token).toBe('tok-1');
    const [r] = p.runs();
    expect(r!.argv).toEqual(['get-token', '--cluster', 'k']);
    expect(r!.execInfo).toEqual({ apiVersion: V1, kind: 'ExecCredential', spec: { interactive: false } });
    expect(r!.env).toEqual({ FROM_KUBECONFIG: 'kc', FROM_PARENT: 'parent' });
  });

  it('provideClusterInfo adds spec.cluster: server, CA data, tls-server-name, the exec extension (conformance case 51)', async () => {
    const p = writeFakePlugin(tempDir());
    await runExecPlugin(run(p.path, { apiVersion: V1BETA1, interactiveMode: undefined, provideClusterInfo: true }), deps());
    expect(p.runs()[0]!.execInfo).toEqual({
      apiVersion: V1BETA1,
      kind: 'ExecCredential',
      spec: {
        interactive: false,
        cluster: {
          server: 'https://k.example:6443',
          'certificate-authority-data': 'Q0E=',
          'tls-server-name': 'k',
          config: { region: 'eu' },
        },
      },
    });
  });

  it('IfAvailable is interactive exactly when stdin is a terminal; Always without one fails', async () => {
    const p = writeFakePlugin(tempDir());
    // stdin is inherited when interactive; vitest's stdin is not a TTY, which the plugin does not mind.
    await runExecPlugin(run(p.path, { interactiveMode: 'IfAvailable' }), deps({ stdinIsTTY: true }));
    await runExecPlugin(run(p.path, { interactiveMode: 'IfAvailable' }), deps({ stdinIsTTY: false }));
    expect(p.runs().map((r) => r.execInfo.spec.interactive)).toEqual([true, false]);
    await expect(runExecPlugin(run(p.path, { interactiveMode: 'Always' }), deps())).rejects.toThrow(
      'exec plugin cannot support interactive mode: standard input is not a terminal',
    );
  });

  it("a missing command: kubectl's text and the installHint (conformance case 52); looked up in the given env's PATH", async () => {
    const err = await rejectionOf(
      runExecPlugin(run('nosuch', { installHint: 'brew install x' }), deps({ env: async () => ({ PATH: '/nonexistent' }) })),
    );
    expect(err.message).toMatch(/^exec: executable nosuch not found\n/);
    expect(err.message).toContain('brew install x');
    const p = writeFakePlugin(tempDir(), 'kd-on-login-path');
    const cred = await runExecPlugin(run('kd-on-login-path'), deps({ env: async () => ({ PATH: p.dir }) }));
    expect(cred.token).toBe('tok-1');
  });

  it("exit status, bad output and v1alpha1 give kubectl's errors; stderr goes to the user, stdout never", async () => {
    const p = writeFakePlugin(tempDir());
    const stderr = vi.fn();
    await expect(
      runExecPlugin(
        run(p.path, {
          env: [
            { name: 'PLUGIN_EXIT', value: '3' },
            { name: 'PLUGIN_STDERR', value: 'open https://login' },
          ],
        }),
        deps({ onStderr: stderr }),
      ),
    ).rejects.toThrow(`exec: executable ${p.path} failed with exit code 3`);
    expect(stderr).toHaveBeenCalledWith('open https://login', { user: 'jane', command: p.path });
    await expect(runExecPlugin(run(p.path, { env: [{ name: 'PLUGIN_RAW', value: 'token=abc' }] }), deps())).rejects.toThrow(
      'its output is not JSON',
    );
    await expect(
      runExecPlugin(
        run(p.path, {
          env: [
            { name: 'PLUGIN_API_VERSION', value: V1BETA1 },
            { name: 'PLUGIN_TOKEN', value: 't' },
          ],
        }),
        deps(),
      ),
    ).rejects.toThrow(`exec plugin is configured to use API version ${V1}, plugin returned version ${V1BETA1}`);
    await expect(runExecPlugin(run(p.path, { env: [] }), deps())).rejects.toThrow("exec plugin didn't return a token or cert/key pair");
    await expect(runExecPlugin(run(p.path, { apiVersion: 'client.authentication.k8s.io/v1alpha1' }), deps())).rejects.toThrow(
      'exec plugin: invalid apiVersion "client.authentication.k8s.io/v1alpha1"',
    );
  });

  it('is cached until expirationTimestamp, shared by concurrent callers, re-run after invalidate (401)', async () => {
    const p = writeFakePlugin(tempDir());
    let now = 1_700_000_000_000;
    const a = new ExecAuthenticator(
      run(p.path, {
        env: [
          { name: 'PLUGIN_TOKEN', value: 'tok' },
          { name: 'PLUGIN_EXPIRES_IN', value: '60000' },
          { name: 'PLUGIN_NOW', value: String(now) },
        ],
      }),
      deps(),
      () => now,
    );
    const [x, y] = await Promise.all([a.credential(), a.credential()]);
    expect([x.token, y.token, a.runs]).toEqual(['tok-1', 'tok-1', 1]);
    now += 59_000;
    expect((await a.credential()).token).toBe('tok-1');
    now += 1_000;
    expect((await a.credential()).token).toBe('tok-2');
    a.invalidate();
    expect((await a.credential()).token).toBe('tok-3');
    expect(p.runs()).toHaveLength(3);
  });

  it("one caller's abort does not fail the others sharing the run", async () => {
    const p = writeFakePlugin(tempDir());
    const a = new ExecAuthenticator(run(p.path), deps());
    const ctl = new AbortController();
    const first = a.credential(ctl.signal);
    const second = a.credential();
    ctl.abort();
    await expect(first).rejects.toMatchObject({ code: 'cancelled' });
    expect((await second).token).toBe('tok-1');
  });
});
