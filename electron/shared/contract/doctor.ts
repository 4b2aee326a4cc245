// Contract fragment: the connection doctor (docs/doctor.md). It walks the path to a cluster, and
// optionally on to one service, hop by hop; each check streams to the window as it finishes.

/** The hops, in path order: the cluster path, then the service path. */
export const DOCTOR_HOPS = [
  'kubeconfig',
  'dns',
  'tcp',
  'proxy',
  'tls',
  'credentials',
  'authentication',
  'version',
  'authorization',
  'clock',
  'service',
  'selector',
  'endpoints',
  'target-port',
  'service-proxy',
  'port-forward',
  'local',
] as const;
export type DoctorHop = (typeof DOCTOR_HOPS)[number];

/** `skipped`: not applicable, or a hop it depends on failed; `unknown`: the cluster could not say. */
export const DOCTOR_STATUSES = ['ok', 'failed', 'skipped', 'unknown'] as const;
export type DoctorStatus = (typeof DOCTOR_STATUSES)[number];

export interface DoctorCheck {
  hop: DoctorHop;
  status: DoctorStatus;
  /** How long the hop took, in whole milliseconds. */
  ms: number;
  /** The evidence, one line. Never a secret. */
  detail: string;
  /** What to do: on a failure, or on an `ok` that carries a warning (insecure-skip-tls-verify); else null. */
  hint: string | null;
}

export interface DoctorReport {
  runId: string;
  context: string;
  /** `NS/NAME[:PORT]` when the service path was walked. */
  service: string | null;
  /** In path order. */
  checks: DoctorCheck[];
  /** True when no check failed. */
  ok: boolean;
}

/** One finished check of a running `doctor:run`, sent before the run answers. */
export interface DoctorCheckEvent {
  runId: string;
  check: DoctorCheck;
}

export interface DoctorContract {
  /**
   * Walks the path of `context` (and of `service`, `NS/NAME[:PORT]`). `runId`: the caller's id for
   * the `doctor:check` events of this run (one is made when absent).
   */
  'doctor:run': {
    req: { context: string; service?: string | null | undefined; runId?: string | undefined };
    res: DoctorReport;
  };
}

export interface DoctorEvents {
  'doctor:check': DoctorCheckEvent;
}

export const DOCTOR_CHANNELS = ['doctor:run'] as const;
export const DOCTOR_EVENT_CHANNELS = ['doctor:check'] as const;
