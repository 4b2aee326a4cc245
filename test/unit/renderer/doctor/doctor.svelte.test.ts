import { describe, expect, it } from 'vitest';
import type { DoctorCheck, DoctorHop, DoctorReport, DoctorStatus } from '../../../../electron/shared/ipc-contract.ts';
import { DOCTOR_SCHEMAS } from '../../../../electron/shared/schemas/doctor.ts';
import { DoctorState, diagnosable, expectedHops, isConnectionError, newRunId } from '../../../../renderer/src/lib/state/doctor.svelte.ts';
import { fakeKubeDeskClient } from '../../../fakes/fake-kubedesk-client.ts';

const check = (hop: DoctorHop, status: DoctorStatus = 'ok', detail = `${hop} fine`): DoctorCheck => ({
  hop,
  status,
  ms: 3,
  detail,
  hint: status === 'failed' ? `fix ${hop}` : null,
});

function report(runId: string, checks: DoctorCheck[], service: string | null = null): DoctorReport {
  return { runId, context: 'demo', service, checks, ok: !checks.some((c) => c.status === 'failed') };
}

/** A `doctor:run` whose answer the test releases, so events can arrive while it runs. */
function pendingRun() {
  let release!: (r: DoctorReport) => void;
  const answer = new Promise<DoctorReport>((done) => (release = done));
  return { answer, release };
}

describe('DoctorState', () => {
  it('draws hops as doctor:check events of its run arrive, in path order, then takes the report', async () => {
    const run = pendingRun();
    const f = fakeKubeDeskClient({});
    const reqs: unknown[] = [];
    f.client.invoke = (async (channel: string, req: unknown) => {
      reqs.push([channel, req]);
      return { ok: true, value: await run.answer };
    }) as typeof f.client.invoke;
    const d = new DoctorState(f.client, () => 'run-1');
    const done = d.run('demo');
    expect(reqs).toEqual([['doctor:run', { context: 'demo', service: null, runId: 'run-1' }]]);
    expect(d.running).toBe(true);
    expect(d.rows.map((r) => r.hop)).toEqual(expectedHops(null));
    expect(d.rows.every((r) => r.check === null)).toBe(true);

    f.emit('doctor:check', { runId: 'run-1', check: check('dns') });
    f.emit('doctor:check', { runId: 'run-1', check: check('kubeconfig') });
    f.emit('doctor:check', { runId: 'another-run', check: check('tcp', 'failed') });
    expect(d.checks.map((c) => c.hop)).toEqual(['kubeconfig', 'dns']);
    expect(d.rows.slice(0, 3).map((r) => r.check?.status ?? 'pending')).toEqual(['ok', 'ok', 'pending']);
    f.emit('doctor:check', { runId: 'run-1', check: check('authentication', 'failed', '401 Unauthorized') });
    expect(d.failing?.hop).toBe('authentication');

    const final = report('run-1', [check('kubeconfig'), check('dns'), check('tcp'), check('authentication', 'failed', '401 Unauthorized')]);
    run.release(final);
    expect(await done).toEqual(final);
    expect(d.running).toBe(false);
    expect(d.checks).toEqual(final.checks);
    expect(d.report).toEqual(final);
    expect(f.listenerCount('doctor:check')).toBe(0);
  });

  it('walks the service path too when a service is named', async () => {
    const f = fakeKubeDeskClient({ 'doctor:run': (req) => ({ ok: true, value: report(req.runId!, [], req.service ?? null) }) });
    const d = new DoctorState(f.client);
    await d.run('demo', 'shop/web:80');
    expect(d.service).toBe('shop/web:80');
    expect(d.rows.map((r) => r.hop).slice(-7)).toEqual([
      'service',
      'selector',
      'endpoints',
      'target-port',
      'service-proxy',
      'port-forward',
      'local',
    ]);
    expect(f.calls[0]).toEqual(['doctor:run', { context: 'demo', service: 'shop/web:80', runId: expect.any(String) }]);
  });

  it('keeps the error of a run that could not start, and rerun asks again with the same context and service', async () => {
    let fail = true;
    const f = fakeKubeDeskClient({
      'doctor:run': (req) =>
        fail
          ? { ok: false, error: { code: 'not-found', message: 'context "gone" not found' } }
          : { ok: true, value: report(req.runId!, []) },
    });
    const d = new DoctorState(f.client);
    expect(await d.run('gone', 'shop/web')).toBeNull();
    expect(d.error).toEqual({ code: 'not-found', message: 'context "gone" not found' });
    fail = false;
    await d.rerun();
    expect(d.error).toBeNull();
    expect(f.calls.map(([, req]) => (req as { context: string; service: string }).service)).toEqual(['shop/web', 'shop/web']);
  });

  it('a newer run makes the older one stale: its events and answer are dropped', async () => {
    const first = pendingRun();
    const f = fakeKubeDeskClient({});
    let n = 0;
    f.client.invoke = (async (_channel: string, req: { runId: string }) => {
      n++;
      return { ok: true, value: n === 1 ? await first.answer : report(req.runId, [check('kubeconfig')]) };
    }) as unknown as typeof f.client.invoke;
    const ids = ['old', 'new'];
    const d = new DoctorState(f.client, () => ids.shift()!);
    const older = d.run('demo');
    await d.run('demo');
    f.emit('doctor:check', { runId: 'old', check: check('dns', 'failed') });
    first.release(report('old', [check('dns', 'failed')]));
    expect(await older).toBeNull();
    expect(d.checks.map((c) => c.hop)).toEqual(['kubeconfig']);
    expect(d.failing).toBeNull();
    expect(d.running).toBe(false);
  });
});

describe('Diagnose on errors', () => {
  it('is offered only where a context is known, for any error but a cancel', () => {
    const e = (code: 'unreachable' | 'timeout' | 'internal' | 'cancelled' | 'unauthorized') => ({ code, message: 'm' });
    expect(diagnosable(e('unreachable'), 'demo')).toBe(true);
    expect(diagnosable(e('internal'), 'demo')).toBe(true);
    expect(diagnosable(e('cancelled'), 'demo')).toBe(false);
    expect(diagnosable(e('unreachable'), undefined)).toBe(false);
    expect(diagnosable(e('unreachable'), '')).toBe(false);
    expect([e('unreachable'), e('timeout'), e('unauthorized'), e('internal')].map(isConnectionError)).toEqual([true, true, true, false]);
  });

  it('makes run ids doctor:run accepts, a new one each time', () => {
    const ids = Array.from({ length: 20 }, newRunId);
    expect(new Set(ids).size).toBe(20);
    for (const runId of ids) expect(DOCTOR_SCHEMAS['doctor:run'].safeParse({ context: 'demo', runId }).success).toBe(true);
  });
});
