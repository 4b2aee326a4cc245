// Contract fragment: kubeconfig contexts (issues 3 and 5).

/** CLI.md `contexts --json` shape. */
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
}

/** A kubeconfig problem that did not stop the other contexts from loading. */
export interface SourceProblem {
  /** The file at fault. */
  file: string;
  message: string;
}

export interface ContextsSnapshot {
  contexts: ContextSummary[];
  problems: SourceProblem[];
  /** The files that were read (or looked for), in precedence order. */
  files: string[];
}

export interface ContextsContract {
  'contexts:list': { req: void; res: ContextsSnapshot };
}
export interface ContextsEvents {
  'contexts:changed': ContextsSnapshot;
}
export const CONTEXTS_CHANNELS = ['contexts:list'] as const;
export const CONTEXTS_EVENT_CHANNELS = ['contexts:changed'] as const;
