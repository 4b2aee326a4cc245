// Remembered gateway ports (docs/service-gateway.md, Remembered ports): `CONTEXT/NS/NAME:PORT` →
// the local port its gateway last listened on, in KUBEDESK_HOME/gateway-ports.json, so a bookmark
// of `http://127.0.0.1:PORT/…` keeps working across restarts. A missing or unreadable file is an
// empty one (the ports are only a preference). Writes are atomic and re-read the file first, so
// the app and a `kubedesk open` beside it do not drop each other's entries. dispose() waits for
// the write under way and refuses later ones (store/in-flight-writes.ts): nothing is written once
// the app has quit.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic, type AtomicWriteHooks } from '../../store/atomic-write.ts';
import { InFlightWrites } from '../../store/in-flight-writes.ts';

interface PortsFile {
  version: 1;
  ports: Record<string, number>;
}

interface GatewayPortsOptions {
  /** Test seam into the atomic write (hold a write between the temp file and the rename). */
  hooks?: AtomicWriteHooks;
}

export class GatewayPorts {
  readonly file: string;
  #hooks: AtomicWriteHooks | undefined;
  #inFlight: InFlightWrites;

  constructor(home: string, opts: GatewayPortsOptions = {}) {
    this.file = join(home, 'gateway-ports.json');
    this.#hooks = opts.hooks;
    this.#inFlight = new InFlightWrites(this.file);
  }

  async #read(): Promise<Record<string, number>> {
    try {
      const doc = JSON.parse(await readFile(this.file, 'utf8')) as Partial<PortsFile>;
      const out: Record<string, number> = {};
      for (const [k, v] of Object.entries(doc.ports ?? {})) if (Number.isInteger(v) && v > 0 && v < 65536) out[k] = v;
      return out;
    } catch {
      return {};
    }
  }

  async get(id: string): Promise<number | undefined> {
    await this.#inFlight.afterTurns();
    return (await this.#read())[id];
  }

  /**
   * Remembers `port` for `id` (no write when it is already remembered). After dispose() it is
   * refused with KubeDeskError 'cancelled' and writes nothing.
   */
  remember(id: string, port: number): Promise<void> {
    return this.#inFlight.runInTurn(async () => {
      const ports = await this.#read();
      if (ports[id] === port) return;
      ports[id] = port;
      const doc: PortsFile = { version: 1, ports };
      await writeFileAtomic(this.file, `${JSON.stringify(doc, null, 2)}\n`, { hooks: this.#hooks });
    });
  }

  /** Waits for the writes under way; later ones are refused. */
  dispose(): Promise<void> {
    return this.#inFlight.dispose();
  }
}
