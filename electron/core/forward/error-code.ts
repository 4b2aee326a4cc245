// The contract's error code (ERROR_CODES in electron/shared/ipc-contract.ts) for a failure of the cluster
// side: a TunnelError maps by its kind, anything else that is not a KubeDeskError is unreachable.
import type { ErrorCode } from '../../shared/ipc-contract.ts';
import { KubeDeskError } from '../errors.ts';
import { TunnelError } from './tunnel-open.ts';

/** The contract's error code for a failure of the cluster side. */
export function errorCodeOf(err: unknown): ErrorCode {
  if (err instanceof KubeDeskError) return err.code;
  return err instanceof TunnelError ? tunnelCode(err) : 'unreachable';
}

function tunnelCode(err: TunnelError): ErrorCode {
  switch (err.kind) {
    case 'pod-gone':
      return 'not-found';
    case 'denied':
      return err.status === 401 ? 'unauthorized' : 'forbidden';
    case 'cancelled':
      return 'cancelled';
    default:
      return 'unreachable';
  }
}
