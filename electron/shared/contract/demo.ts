// Contract fragment: the built-in demo cluster, offered on a first start with no cluster (docs/demo-cluster.md).

export interface DemoStatus {
  running: boolean;
  /** The demo apiserver's URL while it runs. */
  server?: string;
  /** Its contexts (`demo`, `demo-basic`, `demo-cert`) while it runs. */
  contexts: string[];
}

export interface DemoContract {
  'demo:status': { req: void; res: DemoStatus };
  'demo:start': { req: void; res: DemoStatus };
}
export const DEMO_CHANNELS = ['demo:status', 'demo:start'] as const;
