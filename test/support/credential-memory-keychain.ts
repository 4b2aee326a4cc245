// `kubedesk credential` over a MemorySecretStore, as a program kubectl can run: for tests that
// check kubectl with an exported or migrated kubeconfig without the OS keychain. The store's
// entries go to a JSON file in the test's temp folder (test data only; the real command never
// writes a secret to disk), and a launcher script plays the `kubedesk` command the packaged app
// installs (KUBEDESK_CLI, cli/kubedesk-entry.ts). Entries changed by the command (OIDC refresh)
// are written back to the file.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MemorySecretStore } from '../fakes/memory-secret-store.ts';

const ROOT = join(import.meta.dirname, '../..');
const url = (path: string): string => pathToFileURL(join(ROOT, path)).href;

const SCRIPT = `
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
const { MemorySecretStore } = await import(${JSON.stringify(url('test/fakes/memory-secret-store.ts'))});
const { credentialCommandOver } = await import(${JSON.stringify(url('electron/cli/commands/credential.ts'))});
const { createCoreParts } = await import(${JSON.stringify(url('electron/core/core-parts.ts'))});
const { processIo } = await import(${JSON.stringify(url('electron/cli/process-io.ts'))});
const { resolveKubedeskHome } = await import(${JSON.stringify(url('electron/core/store/kubedesk-home.ts'))});
const [keychainFile, sub, ...args] = process.argv.slice(2);
const store = new MemorySecretStore();
for (const [a, s] of Object.entries(JSON.parse(readFileSync(keychainFile, 'utf8')))) store.entries.set(a, s);
const command = credentialCommandOver({
  secrets: () => store,
  core: async (run, log, secrets) => createCoreParts({
    sources: { files: [], mustExist: false, origin: 'env' },
    log,
    home: resolveKubedeskHome({ env: process.env }),
    secrets: () => secrets,
    exec: { env: async () => process.env, stdinIsTTY: false },
    rule: 'kubectl',
  }),
});
let code = 1;
try {
  if (sub !== 'credential') throw new Error('only credential is served here');
  const { values, positionals } = parseArgs({ args, options: command.options, allowPositionals: true, strict: true });
  code = await command.run({ io: processIo(), values, positionals, signal: new AbortController().signal });
} catch (err) {
  process.stderr.write('error: ' + err.message + '\\n');
}
writeFileSync(keychainFile, JSON.stringify(Object.fromEntries(store.entries)));
process.exitCode = code;
`;

export interface MemoryKeychainCli {
  /** An absolute launcher: `LAUNCHER credential …` (what KUBEDESK_CLI names). */
  launcher: string;
  /** Copies the store's entries to where the launcher reads them (before running kubectl). */
  save(): void;
  /** Reads back what the launcher's runs left (after running kubectl). */
  load(): void;
}

export function memoryKeychainCli(dir: string, store: MemorySecretStore): MemoryKeychainCli {
  const keychainFile = join(dir, 'memory-keychain.json');
  const script = join(dir, 'kubedesk-memory.mjs');
  const launcher = join(dir, 'kubedesk');
  writeFileSync(script, SCRIPT);
  writeFileSync(
    launcher,
    `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(script)} ${JSON.stringify(keychainFile)} "$@"\n`,
  );
  chmodSync(launcher, 0o755);
  const save = (): void => writeFileSync(keychainFile, JSON.stringify(Object.fromEntries(store.entries)), { mode: 0o600 });
  save();
  return {
    launcher,
    save,
    load: () => {
      store.entries.clear();
      for (const [a, s] of Object.entries(JSON.parse(readFileSync(keychainFile, 'utf8')) as Record<string, string>))
        store.entries.set(a, s);
    },
  };
}
