import { describe, expect, it } from 'vitest';
import { CHANNELS, ERROR_CODES, EVENT_CHANNELS, isChannel } from '../../../electron/shared/ipc-contract.ts';
import { REQUEST_SCHEMAS } from '../../../electron/shared/ipc-schemas.ts';
import { dispatch, type Handlers } from '../../../electron/core/api/dispatch.ts';
import { KubeDeskError } from '../../../electron/core/errors.ts';
import { createLogger } from '../../../electron/core/log.ts';

describe('the IPC contract', () => {
  it('has a request schema for exactly the listed channels', () => {
    expect(Object.keys(REQUEST_SCHEMAS).sort()).toEqual([...CHANNELS].sort());
  });

  it('names channels area:verb, once each', () => {
    for (const c of [...CHANNELS, ...EVENT_CHANNELS]) expect(c).toMatch(/^[a-z]+(-[a-z]+)*:[a-z]+(-[a-z]+)*$/);
    expect(new Set(CHANNELS).size).toBe(CHANNELS.length);
  });

  it('recognises only listed channels', () => {
    expect(isChannel('contexts:list')).toBe(true);
    expect(isChannel('__proto__')).toBe(false);
    expect(isChannel(42)).toBe(false);
  });

  it('keeps the error codes a closed list: exactly these, so adding one is a contract change', () => {
    expect([...ERROR_CODES]).toEqual([
      'invalid-input',
      'not-found',
      'unauthorized',
      'forbidden',
      'unreachable',
      'timeout',
      'keychain-unavailable',
      'port-in-use',
      'cancelled',
      'internal',
    ]);
  });

  it('carries every listed code across dispatch as itself, and any other code as internal', async () => {
    const log = createLogger({ write: () => {} });
    const signal = new AbortController().signal;
    const failWith = (err: unknown) => {
      const handlers: Partial<Handlers> = { 'app:info': () => Promise.reject(err) };
      return dispatch({ handlers: handlers as Handlers, log }, 'app:info', undefined, signal);
    };
    for (const code of ERROR_CODES) {
      expect(await failWith(new KubeDeskError(code, `failed: ${code}`))).toEqual({
        ok: false,
        error: { code, message: `failed: ${code}` },
      });
    }
    const foreign = [
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      { code: 'not-found', message: 'look-alike' },
    ];
    for (const err of foreign) {
      expect(await failWith(err)).toEqual({ ok: false, error: { code: 'internal', message: 'Internal error; see the log.' } });
    }
  });
});
