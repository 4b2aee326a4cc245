// Runs a shell recipe under a real `sh` with stand-ins for the commands it calls, and returns the
// argument lists the shell handed them: what quoting did to a context name, seen by the shell itself.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TracedCall {
  command: string;
  args: string[];
}

const COMMANDS = ['kubectl', 'kubedesk', 'curl', 'sed'];

export function traceShell(text: string): TracedCall[] {
  const dir = mkdtempSync(join(tmpdir(), 'kd-recipe-trace-'));
  try {
    const out = join(dir, 'calls');
    // Each stand-in appends: the argument count, its name, then each argument, NUL-terminated.
    const fns = COMMANDS.map((c) => `${c}() { printf '%s\\0' "$#" ${c} "$@" >> "$TRACE"; }`).join('\n');
    const r = spawnSync('sh', ['-c', `${fns}\n${text}\nwait\n`], { env: { PATH: process.env['PATH'], TRACE: out }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`sh exited ${r.status}: ${r.stderr}`);
    const fields = readFileSync(out, 'utf8').split('\0');
    const calls: TracedCall[] = [];
    for (let i = 0; i + 1 < fields.length;) {
      const n = Number(fields[i]);
      calls.push({ command: fields[i + 1]!, args: fields.slice(i + 2, i + 2 + n) });
      i += 2 + n;
    }
    return calls.sort((a, b) => COMMANDS.indexOf(a.command) - COMMANDS.indexOf(b.command));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
