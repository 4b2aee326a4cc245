import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  brokenConnection,
  contentLength,
  forUndici,
  hasBody,
  headerStrings,
  replayableMethod,
} from '../../../../electron/core/proxy/relay-http-rules.ts';

/** The two fields the rules read from Node's IncomingMessage. */
const request = (method: string, headers: Record<string, string> = {}) => ({ method, headers }) as unknown as IncomingMessage;

describe('the relay rules', () => {
  it('sends a request again after a broken connection only where Go would (Request.isReplayable)', () => {
    for (const m of ['GET', 'HEAD', 'OPTIONS', 'TRACE']) expect(replayableMethod(request(m))).toBe(true);
    for (const m of ['POST', 'PUT', 'PATCH', 'DELETE']) expect(replayableMethod(request(m))).toBe(false);
    expect(replayableMethod(request('POST', { 'idempotency-key': 'k1' }))).toBe(true);
    expect(replayableMethod(request('DELETE', { 'x-idempotency-key': 'k2' }))).toBe(true);
  });

  it('counts only reset, broken-pipe and socket errors as a broken connection', () => {
    const err = (code: string) => Object.assign(new Error(code), { code });
    expect(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'].map((c) => brokenConnection(err(c)))).toEqual([true, true, true]);
    expect(brokenConnection(err('ECONNREFUSED'))).toBe(false);
    expect(brokenConnection(err('UND_ERR_CONNECT_TIMEOUT'))).toBe(false);
  });

  it('sees a body in a non-zero Content-Length or any Transfer-Encoding', () => {
    expect(hasBody(request('GET'))).toBe(false);
    expect(hasBody(request('POST', { 'content-length': '0' }))).toBe(false);
    expect(hasBody(request('POST', { 'content-length': '12' }))).toBe(true);
    expect(hasBody(request('POST', { 'transfer-encoding': 'chunked' }))).toBe(true);
  });

  it("reads the answer's raw headers as latin1 strings and its Content-Length in any case", () => {
    const raw = headerStrings([Buffer.from('Content-LENGTH'), Buffer.from('42'), Buffer.from('X-Name'), Buffer.from([0x63, 0xe9])]);
    expect(raw).toEqual(['Content-LENGTH', '42', 'X-Name', 'cé']);
    expect(contentLength(raw)).toBe(42);
    expect(contentLength(['Transfer-Encoding', 'chunked'])).toBe(-1);
    expect(headerStrings(undefined as never)).toEqual([]);
  });

  it('leaves framing to undici: every Transfer-Encoding header goes, the rest stays in order', () => {
    const headers = ['Host', 'a', 'transfer-encoding', 'chunked', 'Accept', '*/*', 'Transfer-Encoding', 'gzip'];
    expect(forUndici(headers)).toEqual(['Host', 'a', 'Accept', '*/*']);
  });
});
