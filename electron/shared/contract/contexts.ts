// Contract fragment: clusters and contexts — kubeconfig files plus imported contexts whose
// secrets are in the OS keychain (issues 3 and 5).
import type { IpcError } from '../ipc-contract.ts';

/** docs/cli.md `contexts --json` shape. */
export const AUTH_KINDS = ['token', 'token-file', 'client-cert', 'basic', 'exec', 'oidc', 'none'] as const;
export type AuthKind = (typeof AUTH_KINDS)[number];

export interface ContextSummary {
  name: string;
  cluster: string;
  server: string;
  user: string;
  namespace: string;
  authKind: AuthKind;
  /** `kubeconfig:<path>` or `imported`. */
  source: string;
  current: boolean;
  /**
   * Why the context cannot be used (a missing user or cluster, an exec plugin not installed, …).
   * kubectl lists such contexts and fails only when one is used; so does KubeDesk.
   */
  problem?: ContextProblem;
}

/** One context's first problem: the kubeconfig path at fault and kubectl's text for it. */
export interface ContextProblem {
  /** A kubeconfig path in the file that holds it, e.g. `contexts[2].context.user`, `users[0].user.exec.command`. */
  field: string;
  message: string;
}

/** A problem that did not stop the other contexts from loading (one banner each). */
export interface SourceProblem {
  /** The file at fault (a kubeconfig, or the app store). */
  file: string;
  /** `FILE: users[0].user.client-key-data: not valid base64` style. */
  message: string;
  /** The context it concerns, when it concerns one. */
  context?: string;
  /** Absent means `error`. Warnings (TLS verification off) don't fail `kubedesk contexts`. */
  level?: 'error' | 'warning';
  /** For a context's problem: the kubeconfig path at fault and the message without file and path. */
  field?: string;
  reason?: string;
}

export interface ContextsSnapshot {
  contexts: ContextSummary[];
  problems: SourceProblem[];
  /** The files that were read (or looked for), in precedence order. */
  files: string[];
  /** The app store file that holds imported contexts (KUBEDESK_HOME/store.json). */
  store?: string;
}

/** Where one secret of a context's user lives. Never its value. */
export interface SecretLocation {
  /** The kubeconfig field, e.g. `token`, `client-key-data`, `auth-provider.refresh-token`. */
  field: string;
  where: 'keychain' | 'kubeconfig' | 'file' | 'exec-plugin';
  /** `service KubeDesk, account demo#a1b2`, a file path, or the plugin command. */
  detail: string;
}

export interface ContextDetail {
  summary: ContextSummary;
  /** TLS: verified against a CA (data, file or the system's), or not verified at all. */
  tls: { verified: boolean; ca: 'data' | 'file' | 'system' | 'none'; caFile?: string; serverName?: string };
  proxyUrl?: string;
  exec?: { command: string; args: string[]; apiVersion: string; interactiveMode: string; installHint?: string; found: boolean };
  oidc?: { issuer: string; clientId: string };
  impersonate?: string;
  secrets: SecretLocation[];
  imported?: { from: string; at: string; keychainService: string; keychainAccount?: string };
  /** Problems and warnings for this context (insecure TLS, missing plugin, …). */
  problems: SourceProblem[];
}

export interface ContextHealth {
  context: string;
  checkedAt: string;
  reachable: boolean;
  serverVersion?: string;
  username?: string;
  groups?: string[];
  /** False for http:// servers and insecure-skip-tls-verify. */
  tlsVerified: boolean;
  error?: IpcError;
}

export interface ImportPreviewEntry {
  name: string;
  cluster: string;
  server: string;
  user: string;
  namespace: string;
  authKind: AuthKind;
  /** A context of that name is already known (imported or from a kubeconfig). */
  exists: boolean;
}

export type AddClusterAuth =
  | { kind: 'token'; token: string }
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'client-cert'; certificate: string; key: string }
  | { kind: 'none' };

export interface AddClusterRequest {
  /** The context name; the cluster and user are named after it. */
  name: string;
  server: string;
  /** PEM text of the cluster's CA; empty = the system's CAs. */
  certificateAuthority?: string;
  insecureSkipTlsVerify?: boolean;
  tlsServerName?: string;
  namespace?: string;
  auth: AddClusterAuth;
}

export interface ExecPrompt {
  /** The kubeconfig user whose plugin is running. */
  user: string;
  command: string;
  /** What the plugin wrote on stderr so far (a device-code or browser login prompt). */
  text: string;
  /**
   * Set when the plugin reads its standard input (interactiveMode Always, or IfAvailable): the
   * window asks for a line and sends it with `contexts:exec-answer`. Absent: shown, not asked.
   */
  id?: string;
  /** The plugin with this `id` has exited: close its dialog. */
  done?: boolean;
}

/** A kubeconfig user that still holds secrets in its file: the field names, never the values. */
export interface PlaintextUser {
  name: string;
  /** `token`, `client-key-data`, `password`, `auth-provider.config.refresh-token`, … */
  fields: string[];
  /** `kubedesk migrate` can move them to the keychain (basic auth cannot be: docs/kubeconfig.md). */
  movable: boolean;
}

/** One kubeconfig file KubeDesk reads (KUBECONFIG or ~/.kube/config) and its users with inline secrets. */
export interface PlaintextFile {
  file: string;
  users: PlaintextUser[];
}

export type MigrateMode = 'plan' | 'write' | 'undo';

/** What `migrate` did (or would do) with one user of the file: one line, never a value. */
export interface MigrateLine {
  user: string;
  action: 'move' | 'leave' | 'none' | 'migrated';
  text: string;
}

export interface MigrateReport {
  file: string;
  mode: MigrateMode;
  lines: MigrateLine[];
  /** Undo: keychain entries that could not be deleted (they still hold the restored secrets). */
  kept: string[];
}

export interface ContextsContract {
  'contexts:list': { req: void; res: ContextsSnapshot };
  'contexts:detail': { req: { name: string }; res: ContextDetail };
  'contexts:preview': { req: { yaml: string }; res: ImportPreviewEntry[] };
  'contexts:import': { req: { yaml: string; names?: string[] }; res: { imported: string[] } };
  'contexts:add': { req: AddClusterRequest; res: { name: string } };
  'contexts:remove': { req: { name: string }; res: void };
  'contexts:rename': { req: { from: string; to: string }; res: void };
  'contexts:use': { req: { name: string }; res: void };
  'contexts:health': { req: { name: string }; res: ContextHealth };
  /** A line for the exec plugin waiting on prompt `id` (its standard input). Never logged or echoed. */
  'contexts:exec-answer': { req: { id: string; text: string }; res: void };
  /** The kubeconfig files read that still hold inline secrets (docs/kubeconfig.md, Migrating a kubeconfig). */
  'contexts:plaintext-report': { req: void; res: PlaintextFile[] };
  /** `kubedesk migrate` on one of those files: `plan` changes nothing. */
  'contexts:migrate': { req: { file: string; mode: MigrateMode }; res: MigrateReport };
  /** `kubedesk export-kubeconfig` for imported contexts, written to `file` (absolute) or KUBEDESK_HOME/kubeconfig-kubedesk.yaml. */
  'contexts:export-kubeconfig': { req: { contexts: string[]; file?: string | undefined }; res: { path: string; warnings: string[] } };
}
export interface ContextsEvents {
  'contexts:changed': ContextsSnapshot;
  'contexts:exec-prompt': ExecPrompt;
}
export const CONTEXTS_CHANNELS = [
  'contexts:list',
  'contexts:detail',
  'contexts:preview',
  'contexts:import',
  'contexts:add',
  'contexts:remove',
  'contexts:rename',
  'contexts:use',
  'contexts:health',
  'contexts:exec-answer',
  'contexts:plaintext-report',
  'contexts:migrate',
  'contexts:export-kubeconfig',
] as const;
export const CONTEXTS_EVENT_CHANNELS = ['contexts:changed', 'contexts:exec-prompt'] as const;
