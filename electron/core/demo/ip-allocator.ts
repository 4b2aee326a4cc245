// Service ClusterIPs from 10.96.0.0/12 and NodePorts from 30000-32767, as the apiserver's
// allocators hand them out (sequentially here, skipping what is taken).

export class ClusterIpAllocator {
  #next = 100 * 256 + 1;
  #used = new Set<string>();

  reserve(ip: string): void {
    this.#used.add(ip);
  }

  allocate(): string {
    for (;;) {
      const n = this.#next++;
      if (n >= 16 * 65536) throw new Error('service IP range is full');
      const ip = `10.${96 + Math.floor(n / 65536)}.${Math.floor(n / 256) % 256}.${n % 256}`;
      if (n % 256 === 0 || n % 256 === 255 || this.#used.has(ip)) continue;
      this.#used.add(ip);
      return ip;
    }
  }

  release(ip: string | undefined): void {
    if (ip) this.#used.delete(ip);
  }
}

export class NodePortAllocator {
  #used = new Set<number>();
  #next = 30000;

  reserve(port: number): void {
    this.#used.add(port);
  }

  allocate(): number {
    for (let i = 0; i <= 2767; i++) {
      const p = this.#next;
      this.#next = p >= 32767 ? 30000 : p + 1;
      if (!this.#used.has(p)) {
        this.#used.add(p);
        return p;
      }
    }
    throw new Error('node port range is full');
  }

  release(port: number | undefined): void {
    if (port) this.#used.delete(port);
  }
}
