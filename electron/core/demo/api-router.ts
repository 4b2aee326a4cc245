// The demo apiserver's front door for plain HTTP requests: records the request, applies the
// chaos latency, serves the health endpoints to anyone, authenticates everything else (401
// Status otherwise), strips the credentials (as kube-apiserver's authentication filter does)
// and dispatches to discovery, resources or the proxy subresource. Every failure is a Status.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '../log.ts';
import { parseApiPath } from './api-path.ts';
import { ApiError, methodNotAllowed, pathNotFound, sendJson, sendStatus, toApiError, unauthorized } from './api-status.ts';
import { authenticate, isPublicPath, type DemoSecrets, type UserInfo } from './demo-auth.ts';
import { apiGroup, apiGroupList, apiVersions, resourceList, versionInfo } from './discovery.ts';
import type { ResourceHandlers } from './resource-handlers.ts';
import type { ServiceProxy } from './service-proxy.ts';

export interface RequestRecord {
  method: string;
  path: string;
  authenticated: boolean;
}

export interface RouterDeps {
  secrets: DemoSecrets;
  resources: ResourceHandlers;
  proxy: ServiceProxy;
  latencyMs: () => number;
  record: (r: RequestRecord) => void;
  log?: Logger;
}

const HEALTH_CHECKS = [
  'ping',
  'log',
  'etcd',
  'poststarthook/start-apiserver-admission-initializer',
  'poststarthook/generic-apiserver-start-informers',
];

function health(res: ServerResponse, which: string, url: URL): void {
  if (url.searchParams.has('verbose')) {
    const body = HEALTH_CHECKS.map((c) => `[+]${c} ok`).join('\n') + `\n${which} check passed\n`;
    res.writeHead(200, {
      'Content-Type': 'text/plain; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
      'Content-Length': Buffer.byteLength(body),
    });
    res.end(body);
    return;
  }
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Content-Length': 2 });
  res.end('ok');
}

/** Authenticates and records one request; `undefined` user = anonymous. */
export async function admit(
  req: IncomingMessage,
  deps: Pick<RouterDeps, 'secrets' | 'latencyMs' | 'record'>,
): Promise<{ user: UserInfo | undefined; url: URL }> {
  const url = new URL(req.url ?? '/', 'https://apiserver');
  const user = authenticate(req, deps.secrets);
  deps.record({ method: req.method ?? 'GET', path: url.pathname, authenticated: user !== undefined });
  const latency = deps.latencyMs();
  if (latency > 0) await delay(latency);
  if (user) {
    delete req.headers.authorization;
    for (const k of Object.keys(req.headers)) if (k.startsWith('impersonate-')) delete req.headers[k];
  }
  return { user, url };
}

export function createApiRouter(deps: RouterDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { user, url } = await admit(req, deps);
    const path = url.pathname;
    if (isPublicPath(path)) return health(res, path.split('/')[1] ?? 'healthz', url);
    if (!user) throw unauthorized();
    const method = req.method ?? 'GET';
    const rawPath = (req.url ?? '/').split('?')[0]!;
    const rawQuery = (req.url ?? '').includes('?') ? (req.url ?? '').slice((req.url ?? '').indexOf('?') + 1) : '';
    const parsed = parseApiPath(rawPath, rawQuery);
    const getOnly = (): void => {
      if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed(method);
    };
    switch (parsed.kind) {
      case 'root':
        getOnly();
        return sendJson(res, 200, {
          paths: ['/api', '/api/v1', '/apis', '/apis/', '/healthz', '/livez', '/readyz', '/version', ...apiPaths()],
        });
      case 'version':
        getOnly();
        return sendJson(res, 200, versionInfo());
      case 'api':
        getOnly();
        return sendJson(res, 200, apiVersions());
      case 'apis':
        getOnly();
        return sendJson(res, 200, apiGroupList());
      case 'group': {
        getOnly();
        const g = apiGroup(parsed.group);
        if (!g) throw pathNotFound();
        return sendJson(res, 200, g);
      }
      case 'groupVersion': {
        getOnly();
        const l = resourceList(parsed.group, parsed.version);
        if (!l) throw pathNotFound();
        return sendJson(res, 200, l);
      }
      case 'resource':
        if (parsed.proxy) return deps.proxy.handle(req, res, parsed.proxy);
        return deps.resources.handle(req, res, parsed.rr, user, url);
      case 'notFound':
        throw pathNotFound();
    }
  };
  return (req, res) => {
    req.on('error', () => {});
    res.on('error', () => {});
    handle(req, res).catch((err: unknown) => {
      const e = toApiError(err);
      if (!(err instanceof ApiError)) deps.log?.warn('demo apiserver request failed', { method: req.method ?? '', code: e.status.code });
      if (res.headersSent) {
        res.destroy();
        return;
      }
      // Drain what is left of the body so the connection can be reused.
      req.resume();
      sendStatus(res, e);
    });
  };
}

function apiPaths(): string[] {
  return [
    '/apis/apps',
    '/apis/apps/v1',
    '/apis/discovery.k8s.io',
    '/apis/discovery.k8s.io/v1',
    '/apis/authentication.k8s.io',
    '/apis/authentication.k8s.io/v1',
    '/apis/authorization.k8s.io',
    '/apis/authorization.k8s.io/v1',
  ];
}
