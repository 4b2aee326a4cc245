// Frees the apiserver's answer as soon as the proxy has written it to the client, instead of when V8
// next collects it (docs/proxy.md, Memory). Each socket read (each TLS record, up to 16 KiB) gets an
// ArrayBuffer of its own, and undici hands on the answer's headers and body as views of it. Under
// load many of those views outlive a scavenge and wait for a mark-compact, and glibc keeps its
// heap at the high-water mark of what was waiting. `markReads` notes which ArrayBuffers are whole
// reads of an upstream socket; `releaseReads` detaches those among an answer's views once nothing
// reads them any more.
import type { Readable } from 'node:stream';
import { ownsItsMemory, releaseBuffer } from '../http/release-buffer.ts';

/** ArrayBuffers that hold exactly one read of an upstream socket, and nothing else. */
const reads = new WeakSet<ArrayBuffer>();

/**
 * Notes every read `socket` delivers from now on. A read the stream merges with others before
 * undici takes it (`read()` concatenates) is a new buffer, not noted, and left to V8.
 */
export function markReads(socket: Readable): void {
  const push = socket.push;
  socket.push = function (this: Readable, chunk: unknown, encoding?: BufferEncoding): boolean {
    if (Buffer.isBuffer(chunk) && ownsItsMemory(chunk)) reads.add(chunk.buffer as ArrayBuffer);
    return push.call(this, chunk, encoding);
  };
}

/**
 * Frees the reads behind `views`: only for an answer undici has finished parsing (its end was
 * delivered and the stack that delivered it has returned) whose bytes the client's socket has
 * taken (the write's callback ran). Views of it read as empty from then on.
 */
export function releaseReads(views: Iterable<unknown>): void {
  for (const v of views) {
    if (!(v instanceof Uint8Array) || !reads.has(v.buffer as ArrayBuffer)) continue;
    reads.delete(v.buffer as ArrayBuffer);
    releaseBuffer(v as Buffer);
  }
}
