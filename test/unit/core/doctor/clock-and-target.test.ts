import { describe, expect, it } from 'vitest';
import { clockHop } from '../../../../electron/core/doctor/api-hops.ts';
import { HopFailure } from '../../../../electron/core/doctor/hop-runner.ts';
import { parseServiceTarget } from '../../../../electron/core/doctor/run-doctor.ts';
import { DOCTOR_SCHEMAS } from '../../../../electron/shared/schemas/doctor.ts';

const T = Date.parse('2026-03-01T12:00:00Z');
const answer = (date: string | undefined, at = T) => ({ status: 200, headers: date ? { date } : {}, body: '', at });

describe('clockHop', () => {
  it('is ok within a second (the Date header has whole seconds)', () => {
    expect(clockHop(answer('Sun, 01 Mar 2026 12:00:00 GMT', T + 600), () => T)).toMatchObject({ status: 'ok' });
  });
  it('warns past 30 s and fails past 5 minutes, saying which side is ahead', () => {
    const warn = clockHop(answer('Sun, 01 Mar 2026 12:01:00 GMT'), () => T);
    expect(warn.status).toBe('ok');
    expect(warn.detail).toMatch(/^warning: the server clock is 60 s ahead of/);
    expect(warn.hint).toContain('NTP');
    expect(() => clockHop(answer('Sun, 01 Mar 2026 11:50:00 GMT'), () => T)).toThrow(HopFailure);
    expect(() => clockHop(answer('Sun, 01 Mar 2026 11:50:00 GMT'), () => T)).toThrow(/600 s behind/);
  });
  it('is skipped without an answer or a Date header', () => {
    expect(clockHop(undefined, () => T).status).toBe('skipped');
    expect(clockHop(answer(undefined), () => T).status).toBe('skipped');
  });
});

describe('parseServiceTarget', () => {
  it('reads NS/NAME[:PORT] and NAME alone', () => {
    expect(parseServiceTarget('shop/web:http')).toEqual({ namespace: 'shop', ref: { scheme: '', name: 'web', port: 'http' } });
    expect(parseServiceTarget('shop/https:dash:443')).toEqual({ namespace: 'shop', ref: { scheme: 'https', name: 'dash', port: '443' } });
    expect(parseServiceTarget('web')).toEqual({ namespace: undefined, ref: { scheme: '', name: 'web', port: '' } });
  });
  it('refuses a bad namespace or name, naming it', () => {
    expect(() => parseServiceTarget('Shop/web')).toThrow('"Shop" is not a namespace name');
    expect(() => parseServiceTarget('shop/We_b')).toThrow('is not a valid service name');
  });
});

describe('doctor:run schema', () => {
  it('accepts a context, a service and a run id, and nothing else', () => {
    const s = DOCTOR_SCHEMAS['doctor:run'];
    expect(s.safeParse({ context: 'demo', service: 'shop/web', runId: 'r-1' }).success).toBe(true);
    expect(s.safeParse({ context: 'demo', service: null }).success).toBe(true);
    expect(s.safeParse({ context: '' }).success).toBe(false);
    expect(s.safeParse({ context: 'demo', runId: 'has space' }).success).toBe(false);
    expect(s.safeParse({ context: 'demo', extra: 1 }).success).toBe(false);
  });
});
