// A real client-go credential plugin for tests: an executable script (run by this Node) that
// records what it was given (argv, KUBERNETES_EXEC_INFO, chosen env) and prints an ExecCredential
// as told by PLUGIN_* variables in its env (set through the kubeconfig's `exec.env`).
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PluginRun {
  argv: string[];
  execInfo: { apiVersion: string; kind: string; spec: { interactive: boolean; cluster?: Record<string, unknown> } };
  env: Record<string, string | undefined>;
}

export interface FakePlugin {
  path: string;
  dir: string;
  /** Each run, oldest first. */
  runs(): PluginRun[];
}

const SCRIPT = `
const fs = require('node:fs');
const e = process.env;
const rec = { argv: process.argv.slice(2), execInfo: JSON.parse(e.KUBERNETES_EXEC_INFO || 'null'), env: { FROM_KUBECONFIG: e.FROM_KUBECONFIG, FROM_PARENT: e.FROM_PARENT } };
fs.appendFileSync(e.PLUGIN_RECORD, JSON.stringify(rec) + '\\n');
if (e.PLUGIN_STDERR) process.stderr.write(e.PLUGIN_STDERR);
if (e.PLUGIN_EXIT) process.exit(Number(e.PLUGIN_EXIT));
const n = fs.readFileSync(e.PLUGIN_RECORD, 'utf8').trim().split('\\n').length;
const status = {};
if (e.PLUGIN_TOKEN) status.token = e.PLUGIN_TOKEN + '-' + n;
if (e.PLUGIN_CERT) { status.clientCertificateData = fs.readFileSync(e.PLUGIN_CERT, 'utf8'); status.clientKeyData = fs.readFileSync(e.PLUGIN_KEY, 'utf8'); }
if (e.PLUGIN_EXPIRES_IN) status.expirationTimestamp = new Date(Number(e.PLUGIN_NOW || Date.now()) + Number(e.PLUGIN_EXPIRES_IN)).toISOString();
const apiVersion = e.PLUGIN_API_VERSION || JSON.parse(e.KUBERNETES_EXEC_INFO).apiVersion;
process.stdout.write(e.PLUGIN_RAW ?? JSON.stringify({ apiVersion, kind: 'ExecCredential', status }));
`;

export function writeFakePlugin(dir: string, name = 'kd-fake-plugin'): FakePlugin {
  const path = join(dir, name);
  const record = join(dir, `${name}.runs`);
  writeFileSync(path, `#!${process.execPath}\nprocess.env.PLUGIN_RECORD ??= ${JSON.stringify(record)};\n${SCRIPT}`);
  chmodSync(path, 0o755);
  return {
    path,
    dir,
    runs: () =>
      existsSync(record)
        ? readFileSync(record, 'utf8')
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l) as PluginRun)
        : [],
  };
}
