import { describe, expect, it } from 'vitest';
import { relayedResponseHeaders } from '../../../../electron/core/proxy/response-headers.ts';

describe('relayedResponseHeaders (docs/security.md, H5)', () => {
  it('strips every Access-Control-Allow-* header and hop-by-hop headers, keeping the rest as sent', () => {
    expect(
      relayedResponseHeaders([
        'Content-Type',
        'application/json',
        'Access-Control-Allow-Origin',
        '*',
        'Access-Control-Allow-Credentials',
        'true',
        'Access-Control-Allow-Private-Network',
        'true',
        'Transfer-Encoding',
        'chunked',
        'Connection',
        'keep-alive',
        'Content-Length',
        '2',
        'Audit-Id',
        'x',
      ]),
    ).toEqual(['Content-Type', 'application/json', 'Content-Length', '2', 'Audit-Id', 'x']);
  });
});
