// The real keychain in tests: `npm test` (test/run.ts) runs everything inside a private D-Bus
// session with an unlocked gnome-keyring, so keychain tests never touch the developer's own.
import { spawnSync } from 'node:child_process';

/** Fails clearly when run outside such a session (e.g. plain `npx vitest`). */
export function requireKeyring(): void {
  if (process.platform === 'linux' && !process.env['DBUS_SESSION_BUS_ADDRESS']) {
    throw new Error(
      'keychain tests need the private gnome-keyring session that `npm test` starts (no DBUS_SESSION_BUS_ADDRESS); run them through npm test',
    );
  }
}

/** Accounts of `secret-tool search --all service SERVICE` (how the tests prove where secrets went). */
export function secretToolAccounts(service: string): string[] {
  const r = spawnSync('secret-tool', ['search', '--all', 'service', service], { encoding: 'utf8' });
  // secret-tool prints attributes on stderr and the rest on stdout.
  const text = `${r.stdout}\n${r.stderr}`;
  return [...text.matchAll(/^attribute\.account = (.*)$/gm)].map((m) => m[1]!).sort();
}

/** The secret of one entry, through secret-tool (to check what the keychain really holds). */
export function secretToolLookup(service: string, account: string): string | undefined {
  const r = spawnSync('secret-tool', ['lookup', 'service', service, 'account', account], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout : undefined;
}

/** An env in which no keychain can be reached ("No keychain available"). */
export const NO_KEYCHAIN_ENV = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/kubedesk-no-bus', DISPLAY: '' };
