// The `doctor:*` channel (contract/doctor.ts): runs the doctor and streams each finished check as a
// `doctor:check` event tagged with the run's id, so the window can draw hops as they come in.
import { randomUUID } from 'node:crypto';
import type { DoctorCheckEvent, DoctorContract } from '../../shared/contract/doctor.ts';
import type { AreaHandlers } from '../api/dispatch.ts';
import { runDoctor, type DoctorDeps } from './run-doctor.ts';

export interface DoctorHandlerDeps extends DoctorDeps {
  /** Publishes one finished check (the face's EventBus, channel `doctor:check`). */
  emit: (event: DoctorCheckEvent) => void;
}

export function createDoctorHandlers(deps: DoctorHandlerDeps): AreaHandlers<DoctorContract> {
  return {
    'doctor:run': (req, signal) => {
      const runId = req.runId ?? randomUUID();
      return runDoctor(
        deps,
        { context: req.context, service: req.service ?? undefined, runId },
        (check) => deps.emit({ runId, check }),
        signal,
      );
    },
  };
}
