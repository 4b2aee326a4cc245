import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatGroups, whoAmI } from '../../../../electron/core/cluster/whoami.ts';
import { clusterHealth } from '../../../../electron/core/cluster/cluster-health.ts';
import { startRecordingApiserver, type RecordingApiserver } from '../../../fakes/recording-apiserver.ts';

let api: RecordingApiserver;
beforeAll(async () => {
  api = await startRecordingApiserver();
});
afterAll(() => api.dispose());

const review = (username: string, groups: string[]) =>
  JSON.stringify({ kind: 'SelfSubjectReview', status: { userInfo: { username, groups } } });

describe('who am I (docs/kubeconfig.md, Who am I)', () => {
  it('POSTs a v1 SelfSubjectReview; 404 retries v1beta1 (conformance case 56)', async () => {
    const seen = api.requests.length;
    api.handle((req, res) => {
      if (req.url!.includes('/v1/'))
        return void res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"kind":"Status","code":404,"message":"not found"}');
      res.writeHead(201, { 'Content-Type': 'application/json' }).end(review('jane', ['dev', 'system:authenticated']));
    });
    const conn = api.connection();
    try {
      const me = await whoAmI(conn);
      expect(me).toEqual({ username: 'jane', uid: undefined, groups: ['dev', 'system:authenticated'], extra: {} });
      expect(formatGroups(me.groups)).toBe('[dev system:authenticated]');
      const reqs = api.requests.slice(seen);
      expect(reqs.map((r) => [r.method, r.url])).toEqual([
        ['POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews'],
        ['POST', '/apis/authentication.k8s.io/v1beta1/selfsubjectreviews'],
      ]);
      expect(JSON.parse(reqs[0]!.body.toString())).toEqual({ apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
    } finally {
      conn.dispose();
      api.handle(undefined);
    }
  });

  it('403 says the API is off or not permitted', async () => {
    api.handle(
      (_req, res) =>
        void res.writeHead(403, { 'Content-Type': 'application/json' }).end('{"kind":"Status","code":403,"message":"forbidden"}'),
    );
    const conn = api.connection();
    try {
      await expect(whoAmI(conn)).rejects.toThrow(
        'the selfsubjectreviews API is not enabled in the cluster or you do not have permission to call it',
      );
    } finally {
      conn.dispose();
      api.handle(undefined);
    }
  });

  it('health: version, user, TLS verified; a failure is a value', async () => {
    api.handle((req, res) => {
      if (req.url === '/version') return void res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"gitVersion":"v1.32.3"}');
      res.writeHead(201, { 'Content-Type': 'application/json' }).end(review('jane', ['dev']));
    });
    try {
      const now = () => new Date('2026-01-01T00:00:00Z');
      expect(await clusterHealth('c', async () => api.connection(), now)).toEqual({
        context: 'c',
        checkedAt: '2026-01-01T00:00:00.000Z',
        reachable: true,
        serverVersion: 'v1.32.3',
        tlsVerified: true,
        username: 'jane',
        groups: ['dev'],
      });
      const failed = await clusterHealth('c', () => Promise.reject(new Error('boom')), now);
      expect(failed).toMatchObject({ context: 'c', reachable: false, error: { code: 'internal', message: 'boom' } });
    } finally {
      api.handle(undefined);
    }
  });
});
