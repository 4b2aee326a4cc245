// metav1.Status errors with kube-apiserver's reasons and messages
// (apimachinery/pkg/api/errors/errors.go), and the helpers that write them.
import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Status, StatusDetails } from '../kube/kube-objects.ts';

export class ApiError extends Error {
  readonly status: Status;
  constructor(code: number, reason: string, message: string, details?: StatusDetails) {
    super(message);
    this.name = 'ApiError';
    this.status = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason,
      ...(details ? { details } : {}),
      code,
    };
  }
}

/** `pods "x" not found`; `qualified` is `resource` or `resource.group`. */
export function notFound(qualified: string, name: string, kind?: string, group?: string): ApiError {
  return new ApiError(404, 'NotFound', `${qualified} "${name}" not found`, {
    name,
    ...(group ? { group } : {}),
    kind: kind ?? qualified.split('.')[0]!,
  });
}

export function pathNotFound(): ApiError {
  return new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

export function unauthorized(): ApiError {
  return new ApiError(401, 'Unauthorized', 'Unauthorized');
}

export function forbidden(qualified: string, name: string, message: string, kind?: string): ApiError {
  return new ApiError(403, 'Forbidden', `${qualified}${name ? ` "${name}"` : ''} is forbidden: ${message}`, {
    ...(name ? { name } : {}),
    kind: kind ?? qualified,
  });
}

export function methodNotAllowed(_method: string): ApiError {
  return new ApiError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`, {});
}

export function alreadyExists(qualified: string, name: string): ApiError {
  return new ApiError(409, 'AlreadyExists', `${qualified} "${name}" already exists`, { name, kind: qualified });
}

export function conflict(qualified: string, name: string, why: string): ApiError {
  return new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualified} "${name}": ${why}`, { name, kind: qualified });
}

export function gone(message: string): ApiError {
  return new ApiError(410, 'Expired', message);
}

export function invalid(kind: string, name: string, field: string, message: string): ApiError {
  return new ApiError(422, 'Invalid', `${kind} "${name}" is invalid: ${field}: ${message}`, {
    name,
    kind,
    causes: [{ reason: 'FieldValueInvalid', message, field }],
  });
}

export function serviceUnavailable(message: string): ApiError {
  return new ApiError(503, 'ServiceUnavailable', message);
}

export function notAcceptable(): ApiError {
  return new ApiError(
    406,
    'NotAcceptable',
    'only the following media types are accepted: application/json, application/json;as=Table;v=v1;g=meta.k8s.io',
  );
}

export function unsupportedMediaType(type: string): ApiError {
  return new ApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/json, application/merge-patch+json, application/strategic-merge-patch+json, application/json-patch+json (got ${type || 'none'})`,
  );
}

export function tooLarge(): ApiError {
  return new ApiError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728');
}

function internalError(message: string): ApiError {
  return new ApiError(500, 'InternalError', `Internal error occurred: ${message}`);
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return internalError(err instanceof Error ? err.message : String(err));
}

/** Writes any JSON body; `application/json` always, since Go clients otherwise try protobuf. */
export function sendJson(res: ServerResponse, code: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Content-Length': Buffer.byteLength(text),
    ...extraHeaders,
  });
  res.end(text);
}

export function sendStatus(res: ServerResponse, err: ApiError): void {
  sendJson(res, err.status.code, err.status, err.status.code === 401 ? { 'Www-Authenticate': 'Basic realm="kubernetes-master"' } : {});
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** An error answer on a socket whose request asked for an upgrade (no ServerResponse exists). */
export function writeRawStatus(socket: Duplex, err: ApiError): void {
  const body = JSON.stringify(err.status);
  const code = err.status.code;
  const head = [
    `HTTP/1.1 ${code} ${REASONS[code] ?? 'Error'}`,
    'Content-Type: application/json',
    'Cache-Control: no-cache, private',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    '',
  ].join('\r\n');
  if (!socket.destroyed) socket.end(head + body);
}

/** A plain-text answer on an upgrade socket (`Upgrade request required`, `Forbidden`). */
export function writeRawText(socket: Duplex, code: number, text: string): void {
  const head = [
    `HTTP/1.1 ${code} ${REASONS[code] ?? 'Error'}`,
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(text)}`,
    'Connection: close',
    '',
    '',
  ].join('\r\n');
  if (!socket.destroyed) socket.end(head + text);
}
