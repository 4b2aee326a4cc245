// Where KubeDesk keeps secrets: the OS keychain (macOS Keychain, Windows Credential Manager,
// libsecret on Linux), one entry per user under the service `KubeDesk`. Everything
// else (the app store, logs, IPC) holds only the entry's account name.

export const KEYCHAIN_SERVICE = 'KubeDesk';

export interface SecretEntry {
  account: string;
  secret: string;
}

export interface SecretStore {
  /** The keychain service the entries live under (`KubeDesk`). */
  readonly service: string;
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** True when an entry was deleted. */
  delete(account: string): Promise<boolean>;
  /** Every entry under the service: one keychain round trip, used at startup. */
  findAll(): Promise<SecretEntry[]>;
}
