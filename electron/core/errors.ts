import type { ErrorCode } from '../shared/ipc-contract.ts';

/** The one error type core throws; dispatch turns it into an `IpcError` value (docs/architecture.md, Errors are values). */
export class KubeDeskError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KubeDeskError';
    this.code = code;
  }
}

/** A one-line description of any thrown value, without stack; never includes request data. */
export function describe(err: unknown): string {
  if (err instanceof KubeDeskError) return err.message;
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return code && !err.message.includes(code) ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}
