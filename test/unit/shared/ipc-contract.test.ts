import { describe, expect, it } from 'vitest';
import { CHANNELS, ERROR_CODES, EVENT_CHANNELS, isChannel } from '../../../electron/shared/ipc-contract.ts';
import { REQUEST_SCHEMAS } from '../../../electron/shared/ipc-schemas.ts';

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

  it('keeps the error codes a closed list', () => {
    expect(ERROR_CODES).toContain('internal');
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });
});
