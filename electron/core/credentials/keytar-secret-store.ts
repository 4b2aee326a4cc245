// SecretStore over keytar (archived upstream, December 2022: keep it behind this one file, as
// docs/architecture.md, Dependencies are injected). keytar is loaded lazily on first use, so a missing native module, a missing
// libsecret or a missing D-Bus session becomes one `keychain-unavailable` error instead of a
// crash at startup.
import { KEYCHAIN_SERVICE, type SecretEntry, type SecretStore } from './secret-store.ts';
import { keychainUnavailable } from './keychain-unavailable.ts';

/** The part of keytar's API KubeDesk uses. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

export interface KeytarSecretStoreOptions {
  service?: string;
  /** Loads keytar; tests pass a failing or fake loader. */
  load?: () => Promise<KeytarApi>;
  platform?: NodeJS.Platform;
}

async function loadKeytar(): Promise<KeytarApi> {
  const mod = (await import('keytar')) as KeytarApi & { default?: KeytarApi };
  return mod.default ?? mod;
}

export class KeytarSecretStore implements SecretStore {
  readonly service: string;
  #load: () => Promise<KeytarApi>;
  #platform: NodeJS.Platform;
  #api: Promise<KeytarApi> | undefined;

  constructor(opts: KeytarSecretStoreOptions = {}) {
    this.service = opts.service ?? KEYCHAIN_SERVICE;
    this.#load = opts.load ?? loadKeytar;
    this.#platform = opts.platform ?? process.platform;
  }

  #keytar(): Promise<KeytarApi> {
    // A failed load is retried next time (the user may unlock or install something meanwhile).
    this.#api ??= this.#load().catch((err: unknown) => {
      this.#api = undefined;
      throw keychainUnavailable(`cannot load keytar: ${firstLine(err)}`, this.#platform, err);
    });
    return this.#api;
  }

  async #call<T>(fn: (api: KeytarApi) => Promise<T>): Promise<T> {
    const api = await this.#keytar();
    try {
      return await fn(api);
    } catch (err) {
      throw keychainUnavailable(firstLine(err), this.#platform, err);
    }
  }

  get(account: string): Promise<string | null> {
    return this.#call((k) => k.getPassword(this.service, account));
  }

  set(account: string, secret: string): Promise<void> {
    return this.#call((k) => k.setPassword(this.service, account, secret));
  }

  delete(account: string): Promise<boolean> {
    return this.#call((k) => k.deletePassword(this.service, account));
  }

  async findAll(): Promise<SecretEntry[]> {
    const found = await this.#call((k) => k.findCredentials(this.service));
    return found.map((c) => ({ account: c.account, secret: c.password }));
  }
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0] ?? '';
}
