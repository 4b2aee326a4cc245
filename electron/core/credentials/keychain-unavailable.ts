// The one error for "no usable keychain": says what failed and how to get one. KubeDesk never
// falls back to writing a secret in plain text.
import { KubeDeskError } from '../errors.ts';

function howToEnable(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'darwin':
      return 'Unlock your login keychain (Keychain Access › File › Unlock Keychain "login") and try again.';
    case 'win32':
      return 'Make sure the Credential Manager service (VaultSvc) is running and you are logged in with a user profile.';
    default:
      return (
        'KubeDesk needs a Secret Service provider on D-Bus: log in to a desktop session with gnome-keyring or KWallet ' +
        '(or KeePassXC with Secret Service integration) and unlock it. Without a desktop, start one for the session: ' +
        "dbus-run-session -- sh -c 'echo -n PASSWORD | gnome-keyring-daemon --unlock --components=secrets; kubedesk …' " +
        '(Debian/Ubuntu packages: dbus, gnome-keyring, libsecret-1-0).'
      );
  }
}

/** `detail` is the keychain library's own message; it never contains a secret. */
export function keychainUnavailable(detail: string, platform: NodeJS.Platform = process.platform, cause?: unknown): KubeDeskError {
  const what =
    platform === 'darwin' ? 'the macOS Keychain' : platform === 'win32' ? 'Windows Credential Manager' : 'the Secret Service (libsecret)';
  return new KubeDeskError(
    'keychain-unavailable',
    `no OS keychain available (${what}: ${detail.trim() || 'unknown error'}). ${howToEnable(platform)} KubeDesk never stores secrets in plain text.`,
    { cause },
  );
}
