import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../electron/core/log.ts';

describe('logger (docs/architecture.md, Logging without secrets)', () => {
  it('writes one JSON line with scalar fields', () => {
    const lines: string[] = [];
    const log = createLogger({ write: (l) => lines.push(l), clock: () => new Date(0) });
    log.info('listening', { port: 8001, context: 'demo' });
    expect(JSON.parse(lines[0]!)).toEqual({
      time: '1970-01-01T00:00:00.000Z',
      level: 'info',
      msg: 'listening',
      port: 8001,
      context: 'demo',
    });
  });

  it('redacts fields whose names say secret, whatever the caller passes', () => {
    const lines: string[] = [];
    const log = createLogger({ write: (l) => lines.push(l) });
    log.warn('oops', {
      token: 'planted-secret-1',
      Authorization: 'Bearer planted-secret-2',
      'client-key-data': 'planted-secret-3',
      password: 'x',
    });
    expect(lines.join('')).not.toMatch(/planted-secret/);
    expect(lines.join('')).toContain('[redacted]');
  });

  it('drops records below its level', () => {
    const lines: string[] = [];
    createLogger({ level: 'warn', write: (l) => lines.push(l) }).info('quiet');
    expect(lines).toEqual([]);
  });
});
