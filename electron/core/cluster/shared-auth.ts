// Authenticators kept across connections of the same context and user: exec credentials stay
// cached until expiry and an OIDC refresh token (often single-use) is used by one refresher.
import type { Disposable } from '../lifecycle.ts';
import type { SharedAuth } from './build-connection.ts';
import { ExecAuthenticator } from './exec-authenticator.ts';
import type { ExecDeps, ExecRun } from './exec-plugin.ts';
import { OidcAuthenticator, type OidcOptions } from './oidc-authenticator.ts';

export class SharedAuthCache implements SharedAuth, Disposable {
  #exec = new Map<string, ExecAuthenticator>();
  #oidc = new Map<string, OidcAuthenticator>();
  #deps: ExecDeps;
  #now: () => number;

  constructor(deps: ExecDeps, now: () => number = Date.now) {
    this.#deps = deps;
    this.#now = now;
  }

  exec(key: string, run: ExecRun): ExecAuthenticator {
    let a = this.#exec.get(key);
    if (!a) this.#exec.set(key, (a = new ExecAuthenticator(run, this.#deps, this.#now)));
    return a;
  }

  oidc(key: string, opts: OidcOptions): OidcAuthenticator {
    // Keyed by the tokens too: an edited kubeconfig (a new login) starts afresh.
    const full = `${key}\u0000${opts.config['id-token'] ?? ''}\u0000${opts.config['refresh-token'] ?? ''}`;
    let a = this.#oidc.get(full);
    if (!a) this.#oidc.set(full, (a = new OidcAuthenticator({ now: this.#now, ...opts })));
    return a;
  }

  /** Forgets every cached credential (a context was removed or the files changed). */
  clear(): void {
    for (const a of this.#exec.values()) a.dispose();
    this.#exec.clear();
    this.#oidc.clear();
  }

  dispose(): void {
    this.clear();
  }
}
