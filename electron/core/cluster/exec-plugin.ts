// Runs a client-go credential plugin the way kubectl does (docs/kubeconfig.md, Exec plugins,
// client-go/plugin/pkg/client/auth/exec/exec.go): the configured apiVersion, args and env on top
// of the parent env (the login shell's for a GUI launch), KUBERNETES_EXEC_INFO, interactiveMode
// against a real TTY check, installHint when the command is missing. Gaps of client-node filled
// here: KUBERNETES_EXEC_INFO, interactiveMode, installHint, provideClusterInfo, v1 output checks.
import { spawn } from 'node:child_process';
import { KubeDeskError } from '../errors.ts';
import { hideSecrets } from '../credentials/hide-secrets.ts';
import type { ExecConfig } from '../kubeconfig/kubeconfig-types.ts';
import {
  effectiveInteractiveMode,
  executableNotFoundMessage,
  interactiveModeRequiredMessage,
  invalidApiVersionMessage,
  isExecApiVersion,
} from './exec-messages.ts';
import { findExecutable } from './find-executable.ts';

/** What a plugin may know about the cluster (`provideClusterInfo`), kubeconfig field names. */
export interface ExecClusterInfo {
  server: string;
  'tls-server-name'?: string | undefined;
  'insecure-skip-tls-verify'?: boolean | undefined;
  /** Base64 PEM; a CA file is inlined. */
  'certificate-authority-data'?: string | undefined;
  'proxy-url'?: string | undefined;
  'disable-compression'?: boolean | undefined;
  /** The cluster extension `client.authentication.k8s.io/exec`. */
  config?: unknown;
}

export interface ExecDeps {
  /** The environment plugins run in: the login shell's for a GUI launch. */
  env(): Promise<NodeJS.ProcessEnv>;
  /** stdin is a terminal the plugin may prompt on (the CLI on a TTY; never the app). */
  stdinIsTTY: boolean;
  /**
   * Plugin stderr. Absent: passed through to ours (the CLI). The app shows it to the user, so a
   * device-code or browser login prompt appears in the window instead of nowhere.
   */
  onStderr?: ((text: string, who: { user: string; command: string }) => void) | undefined;
  /**
   * The app's stand-in for a terminal: a plugin that may read stdin (interactiveMode Always, or
   * IfAvailable) runs with `spec.interactive: true` and a stdin pipe, and the window asks the user
   * for each line (exec-prompts.ts). Absent (the CLI): only a real TTY makes a plugin interactive.
   */
  prompter?: ExecPrompter | undefined;
}

export interface PluginWho {
  user: string;
  command: string;
}

/** One interactive plugin run: fed its stderr, ended when it exits. */
export interface PromptSession {
  stderr(text: string): void;
  end(): void;
}

export interface ExecPrompter {
  /** `answer` writes one line to the plugin's stdin; it is a secret (a password, a code). */
  begin(who: PluginWho, answer: (text: string) => void): PromptSession;
}

export interface ExecRun {
  exec: ExecConfig;
  /** The kubeconfig user's name (for kubectl's messages). */
  user: string;
  /** The folder of the kubeconfig that holds it (relative commands). */
  dir?: string | undefined;
  cluster: ExecClusterInfo;
}

export interface ExecCredential {
  token?: string | undefined;
  clientCertificateData?: string | undefined;
  clientKeyData?: string | undefined;
  /** Epoch ms; undefined = valid until a 401. */
  expiresAt?: number | undefined;
}

const MAX_OUTPUT = 1024 * 1024;

function fail(message: string, code: 'invalid-input' | 'unauthorized' = 'unauthorized'): never {
  throw new KubeDeskError(code, message);
}

/** `spec.interactive` (docs/kubeconfig.md, Exec plugins), or kubectl's error for Always without a terminal. */
function interactiveFor(run: ExecRun, stdinIsTTY: boolean): boolean {
  const mode = effectiveInteractiveMode(run.exec.apiVersion, run.exec.interactiveMode);
  if (mode === undefined) fail(interactiveModeRequiredMessage(run.user), 'invalid-input');
  if (mode === 'Never') return false;
  if (mode === 'IfAvailable') return stdinIsTTY;
  if (mode === 'Always') {
    if (!stdinIsTTY) {
      fail(
        `exec plugin cannot support interactive mode: standard input is not a terminal (user ${run.user} has interactiveMode: Always; ` +
          `run \`kubedesk whoami --context …\` in a terminal to log in)`,
      );
    }
    return true;
  }
  return fail(`invalid interactiveMode for ${run.user}: "${mode}"`, 'invalid-input');
}

function execInfo(run: ExecRun, interactive: boolean): string {
  const spec: Record<string, unknown> = { interactive };
  if (run.exec.provideClusterInfo) {
    spec['cluster'] = Object.fromEntries(Object.entries(run.cluster).filter(([, v]) => v !== undefined));
  }
  return JSON.stringify({ apiVersion: run.exec.apiVersion, kind: 'ExecCredential', spec });
}

function parseExecOutput(stdout: string, apiVersion: string): ExecCredential {
  let out: unknown;
  try {
    out = JSON.parse(stdout);
  } catch {
    fail('exec plugin did not return a valid ExecCredential: its output is not JSON');
  }
  const o = out as { kind?: unknown; apiVersion?: unknown; status?: Record<string, unknown> } | null;
  if (!o || typeof o !== 'object' || o.kind !== 'ExecCredential')
    fail('exec plugin did not return a valid ExecCredential: kind is not ExecCredential');
  if (o.apiVersion !== apiVersion) {
    fail(`exec plugin is configured to use API version ${apiVersion}, plugin returned version ${String(o.apiVersion)}`);
  }
  const status = o.status;
  if (!status || typeof status !== 'object') fail("exec plugin didn't return a status field");
  const str = (k: string): string | undefined => (typeof status[k] === 'string' && status[k] !== '' ? (status[k] as string) : undefined);
  const token = str('token');
  const cert = str('clientCertificateData');
  const key = str('clientKeyData');
  if (!token && !cert && !key) fail("exec plugin didn't return a token or cert/key pair");
  if (Boolean(cert) !== Boolean(key)) fail('exec plugin returned only certificate or key, not both');
  let expiresAt: number | undefined;
  const exp = str('expirationTimestamp');
  if (exp) {
    expiresAt = Date.parse(exp);
    if (Number.isNaN(expiresAt)) fail(`exec plugin returned an invalid expirationTimestamp "${exp}"`);
  }
  return hideSecrets({ token, clientCertificateData: cert, clientKeyData: key, expiresAt }, 'ExecCredential');
}

export async function runExecPlugin(run: ExecRun, deps: ExecDeps, signal?: AbortSignal): Promise<ExecCredential> {
  const { exec } = run;
  if (!isExecApiVersion(exec.apiVersion)) fail(invalidApiVersionMessage(exec.apiVersion), 'invalid-input');
  // The window stands in for the terminal kubectl would use (client-go exec.go: isInteractive).
  const promptInWindow = !deps.stdinIsTTY && deps.prompter !== undefined;
  const interactive = interactiveFor(run, deps.stdinIsTTY || promptInWindow);
  const parentEnv = await deps.env();
  const command = findExecutable(exec.command, { dir: run.dir, env: parentEnv });
  if (!command) fail(executableNotFoundMessage(exec.command, exec.installHint), 'invalid-input');
  const env: NodeJS.ProcessEnv = { ...parentEnv };
  for (const e of exec.env ?? []) env[e.name] = e.value;
  env['KUBERNETES_EXEC_INFO'] = execInfo(run, interactive);

  const child = spawn(command, exec.args ?? [], {
    env,
    stdio: [
      interactive ? (promptInWindow ? 'pipe' : 'inherit') : 'ignore',
      'pipe',
      deps.onStderr || (interactive && promptInWindow) ? 'pipe' : 'inherit',
    ],
    windowsHide: true,
    // Node refuses to run .cmd/.bat without a shell (CVE-2024-27980).
    shell: process.platform === 'win32' && /\.(cmd|bat)$/i.test(command),
    ...(signal ? { signal } : {}),
  });
  const chunks: Buffer[] = [];
  let size = 0;
  child.stdout!.on('data', (d: Buffer) => {
    size += d.length;
    if (size <= MAX_OUTPUT) chunks.push(d);
    else child.kill();
  });
  const who: PluginWho = { user: run.user, command: exec.command };
  let session: PromptSession | undefined;
  if (interactive && promptInWindow) {
    const stdin = child.stdin!;
    stdin.on('error', () => {}); // the plugin may exit before reading: EPIPE is not ours to report
    session = deps.prompter!.begin(who, (text) => {
      if (!stdin.destroyed && stdin.writable) stdin.write(text.endsWith('\n') ? text : text + '\n');
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (d: string) => session!.stderr(d));
  } else if (deps.onStderr) {
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (d: string) => deps.onStderr!(d, who));
  }
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', (err) => {
      if (signal?.aborted) reject(new KubeDeskError('cancelled', 'cancelled', { cause: err }));
      else reject(new KubeDeskError('unauthorized', `exec: executable ${exec.command} failed: ${err.message}`, { cause: err }));
    });
    child.on('close', (c) => resolve(c));
  }).finally(() => session?.end());
  if (signal?.aborted) throw new KubeDeskError('cancelled', 'cancelled');
  if (size > MAX_OUTPUT) fail(`exec plugin ${exec.command} wrote more than 1 MiB`);
  if (code !== 0) fail(`exec: executable ${exec.command} failed with exit code ${code ?? 'null (killed)'}`);
  // Plugin stdout is a secret: it is parsed, never logged or shown (docs/kubeconfig.md, Exec plugins).
  return parseExecOutput(Buffer.concat(chunks).toString('utf8'), exec.apiVersion);
}
