// Frees the memory of a socket read (or a TLS record) as soon as its bytes have been written on,
// instead of when V8 next collects its ArrayBuffer (docs/port-forward.md, Performance). Node gives
// every read its own ArrayBuffer, and V8 counts their bytes against the heap's limits until a
// collection sweeps them (v8/src/heap/array-buffer-sweeper.cc, Heap::AllocateExternalBackingStore):
// at tens of MiB/s that alone started a full mark-compact every few MiB forwarded. Detaching a
// buffer (ArrayBuffer.prototype.transfer) frees its memory and its count at once.

type Transferable = ArrayBuffer & { transfer?(newLength: number): ArrayBuffer; readonly detached?: boolean };

/**
 * Whether `chunk` is the only view of an ArrayBuffer of its own (a read, not a slice of a shared
 * pool or of a buffer holding other bytes), so that freeing the ArrayBuffer frees nothing else.
 */
export function ownsItsMemory(chunk: Buffer): boolean {
  const ab = chunk.buffer as Transferable;
  return chunk.byteOffset === 0 && chunk.length > 0 && chunk.length === ab.byteLength && ab instanceof ArrayBuffer && ab.detached === false;
}

/**
 * Frees `chunk`'s memory; it reads as empty from then on. Only for a chunk that `ownsItsMemory`,
 * that no one else holds, and whose write has completed (its callback ran).
 */
export function releaseBuffer(chunk: Buffer): void {
  const ab = chunk.buffer as Transferable;
  if (ab.detached === false) ab.transfer?.(0);
}

/** Frees each of `parts` that `ownsItsMemory`, once their writes have completed; the rest are left to V8. */
export function releaseOwned(parts: readonly Buffer[]): void {
  for (const p of parts) if (ownsItsMemory(p)) releaseBuffer(p);
}

/**
 * Whether buffers written to `socket` may be released in its write callbacks: only a socket over a
 * TCP connection of the OS, which is done with a buffer once the callback runs. A socket over a
 * JavaScript stream could still hold the buffer itself.
 */
export function writesToKernel(socket: { remotePort?: number | undefined }): boolean {
  return typeof socket.remotePort === 'number';
}
