import { describe, expect, it, vi } from 'vitest';
import { dispatch, type Handlers } from '../../../../electron/core/api/dispatch.ts';
import { KubeDeskError } from '../../../../electron/core/errors.ts';
import { createLogger } from '../../../../electron/core/log.ts';

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    'app:info': async () => ({ name: 'KubeDesk', version: '1.0.0', host: 'browser', platform: 'linux' }),
    'contexts:list': async () => ({ contexts: [], problems: [], files: [] }),
    ...overrides,
  } as Handlers;
}

describe('dispatch (docs/architecture.md, Errors are values)', () => {
  const log = createLogger({ write: () => {} });
  const signal = new AbortController().signal;

  it('wraps a handler value as ok', async () => {
    const r = await dispatch({ handlers: handlers(), log }, 'app:info', undefined, signal);
    expect(r).toEqual({ ok: true, value: { name: 'KubeDesk', version: '1.0.0', host: 'browser', platform: 'linux' } });
  });

  it('refuses an unknown channel before any handler runs', async () => {
    const r = await dispatch({ handlers: handlers(), log }, 'shell:exec', undefined, signal);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('validates the request at the boundary: a void channel refuses a payload', async () => {
    const list = vi.fn(async () => ({ contexts: [], problems: [], files: [] }));
    const r = await dispatch({ handlers: handlers({ 'contexts:list': list }), log }, 'contexts:list', { evil: true }, signal);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(list).not.toHaveBeenCalled();
  });

  it('turns a KubeDeskError into its code and message', async () => {
    const r = await dispatch(
      { handlers: handlers({ 'contexts:list': async () => Promise.reject(new KubeDeskError('not-found', 'no such context')) }), log },
      'contexts:list',
      undefined,
      signal,
    );
    expect(r).toEqual({ ok: false, error: { code: 'not-found', message: 'no such context' } });
  });

  it('hides an unexpected error behind "internal" and logs only its description', async () => {
    const lines: string[] = [];
    const r = await dispatch(
      {
        handlers: handlers({ 'contexts:list': async () => Promise.reject(new TypeError('boom at /secret/path')) }),
        log: createLogger({ write: (l) => lines.push(l) }),
      },
      'contexts:list',
      undefined,
      signal,
    );
    expect(r).toEqual({ ok: false, error: { code: 'internal', message: 'Internal error; see the log.' } });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'error', channel: 'contexts:list' });
    expect(lines[0]).not.toMatch(/at .*\.ts:\d+:\d+/); // no stack frames
  });
});

describe('describe()', () => {
  it('gives a KubeDeskError its message alone, an errno error its code first', async () => {
    const { describe: describeError } = await import('../../../../electron/core/errors.ts');
    expect(describeError(new KubeDeskError('port-in-use', 'port 8080 is already in use'))).toBe('port 8080 is already in use');
    const errno = Object.assign(new Error('connect refused'), { code: 'ECONNREFUSED' });
    expect(describeError(errno)).toBe('ECONNREFUSED: connect refused');
  });
});
