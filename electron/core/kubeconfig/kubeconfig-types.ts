// The parts of a kubeconfig KubeDesk reads, after per-file validation. Field names are the
// kubeconfig's own (kebab-case), so error paths match what the user sees in the file.

export interface ExecConfig {
  apiVersion?: string;
  command: string;
  args?: string[];
  env?: Array<{ name: string; value: string }>;
  installHint?: string;
  provideClusterInfo?: boolean;
  interactiveMode?: string;
}

export interface AuthProviderConfig {
  name: string;
  config?: Record<string, string>;
}

export interface ClusterFields {
  server?: string;
  'certificate-authority'?: string;
  'certificate-authority-data'?: string;
  'insecure-skip-tls-verify'?: boolean;
  'tls-server-name'?: string;
  'proxy-url'?: string;
  'disable-compression'?: boolean;
  extensions?: unknown;
}

export interface UserFields {
  token?: string;
  tokenFile?: string;
  username?: string;
  password?: string;
  'client-certificate'?: string;
  'client-certificate-data'?: string;
  'client-key'?: string;
  'client-key-data'?: string;
  exec?: ExecConfig;
  'auth-provider'?: AuthProviderConfig;
  as?: string;
  'as-uid'?: string;
  'as-groups'?: string[];
  'as-user-extra'?: Record<string, string[]>;
}

export interface ContextFields {
  cluster: string;
  user: string;
  namespace?: string;
}

/** An entry plus where it came from: relative paths resolve against `dir` (docs/kubeconfig.md, Paths). */
export interface Sourced<T> {
  name: string;
  value: T;
  file: string;
  dir: string;
  /** Position in the file's list, for error paths (`users[2].user…`). */
  index?: number;
}

export interface KubeconfigFile {
  file: string;
  clusters: Array<Sourced<ClusterFields>>;
  users: Array<Sourced<UserFields>>;
  contexts: Array<Sourced<ContextFields>>;
  currentContext?: string;
}

export interface MergedKubeconfig {
  /** Files read, in precedence order. */
  files: string[];
  clusters: Map<string, Sourced<ClusterFields>>;
  users: Map<string, Sourced<UserFields>>;
  contexts: Map<string, Sourced<ContextFields>>;
  currentContext?: string;
}
