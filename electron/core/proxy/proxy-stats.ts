// Live counters of one proxy, read by the ProxyManager for the UI (requests served, bytes, last
// error). `bytesIn` flows from the apiserver to clients, `bytesOut` from clients to it.
import type { ProxyStats } from '../../shared/contract/proxy.ts';

export class ProxyStatsRecorder {
  #stats: ProxyStats = { requests: 0, refused: 0, active: 0, upgrades: 0, bytesIn: 0, bytesOut: 0, lastError: null };
  #onChange: () => void;
  #now: () => Date;

  constructor(onChange: () => void = () => {}, now: () => Date = () => new Date()) {
    this.#onChange = onChange;
    this.#now = now;
  }

  snapshot(): ProxyStats {
    return { ...this.#stats };
  }

  started(upgrade = false): void {
    this.#stats.requests++;
    this.#stats.active++;
    if (upgrade) this.#stats.upgrades++;
    this.#onChange();
  }

  finished(): void {
    this.#stats.active--;
    this.#onChange();
  }

  refused(): void {
    this.#stats.refused++;
    this.#onChange();
  }

  bytesIn(n: number): void {
    this.#stats.bytesIn += n;
    this.#onChange();
  }

  bytesOut(n: number): void {
    this.#stats.bytesOut += n;
    this.#onChange();
  }

  error(message: string): void {
    this.#stats.lastError = { message, at: this.#now().toISOString() };
    this.#onChange();
  }
}
