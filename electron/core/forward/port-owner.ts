// Who holds a local TCP port, for the `port-in-use` error ("naming the port and, where
// it can be found, the owner"). Linux: /proc/net/tcp{,6} socket inodes matched against
// /proc/PID/fd (only processes we may inspect, usually our own user's). Elsewhere: `lsof`.
// Best effort: any failure means "unknown".
import { execFile } from 'node:child_process';
import { readdir, readFile, readlink } from 'node:fs/promises';

export interface PortOwner {
  pid: number;
  command: string;
}

async function listeningInodes(port: number): Promise<Set<string>> {
  const inodes = new Set<string>();
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      // sl local_address rem_address st … inode (field 9); st 0A = LISTEN.
      if (f.length < 10 || f[3] !== '0A') continue;
      if (f[1]!.split(':')[1] === hex) inodes.add(f[9]!);
    }
  }
  return inodes;
}

async function procOwner(port: number): Promise<PortOwner | undefined> {
  const inodes = await listeningInodes(port);
  if (inodes.size === 0) return undefined;
  const pids = (await readdir('/proc')).filter((d) => /^\d+$/.test(d));
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = await readdir(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let link: string;
      try {
        link = await readlink(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const m = /^socket:\[(\d+)\]$/.exec(link);
      if (m && inodes.has(m[1]!)) {
        const command = (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')).trim();
        return { pid: Number(pid), command: command || '?' };
      }
    }
  }
  return undefined;
}

function lsofOwner(port: number): Promise<PortOwner | undefined> {
  return new Promise((resolve) => {
    execFile('lsof', ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN', '-Fpc'], { timeout: 3000 }, (err, stdout) => {
      if (err && !stdout) return resolve(undefined);
      const pid = /^p(\d+)$/m.exec(stdout);
      const cmd = /^c(.+)$/m.exec(stdout);
      resolve(pid ? { pid: Number(pid[1]), command: cmd?.[1] ?? '?' } : undefined);
    });
  });
}

export async function findPortOwner(port: number, platform: NodeJS.Platform = process.platform): Promise<PortOwner | undefined> {
  if (port <= 0) return undefined;
  try {
    if (platform === 'linux') return await procOwner(port);
    if (platform === 'darwin' || platform === 'freebsd' || platform === 'openbsd') return await lsofOwner(port);
  } catch {}
  return undefined;
}

/** `port 8080 is already in use by python3 (pid 4242)` / `port 8080 is already in use`. */
export function portInUseMessage(port: number, owner: PortOwner | undefined): string {
  return owner ? `port ${port} is already in use by ${owner.command} (pid ${owner.pid})` : `port ${port} is already in use`;
}
