// `[LOCAL:]REMOTE` port arguments with kubectl's exact errors (docs/port-forward.md, Arguments; client-go
// tools/portforward parsePorts, kubectl cmd/portforward convertPodNamedPortToNumber). KubeDesk
// checks the syntax before it talks to the cluster; names are resolved later, against the pod
// or service (port-mapping.ts).
import { KubeDeskError } from '../errors.ts';

export interface PortArg {
  /** The argument as typed. */
  raw: string;
  /**
   * The local port: a number (0 = the OS picks), or `undefined` for the one-part form `P`, where
   * the local port follows the remote one once a name is resolved (`http` → 8080:8080).
   */
  local: number | undefined;
  /** A port number (> 0), or a port name to look up in the pod or service. */
  remote: number | string;
}

/** Go's `strconv.ParseUint(s, 10, 16)` error text. */
function parseUint16(s: string): { value: number } | { error: string } {
  if (!/^\d+$/.test(s)) return { error: `strconv.ParseUint: parsing ${JSON.stringify(s)}: invalid syntax` };
  const n = Number(s);
  if (n > 65535) return { error: `strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range` };
  return { value: n };
}

/** Whether kubectl takes a remote port as a number (`strconv.Atoi` succeeds) rather than a name. */
function isNumeric(s: string): boolean {
  return /^[+-]?\d+$/.test(s);
}

export function parsePortArg(raw: string): PortArg {
  const parts = raw.split(':');
  if (parts.length > 2) throw new KubeDeskError('invalid-input', `invalid port format '${raw}'`);
  const remoteString = parts.length === 2 ? parts[1]! : parts[0]!;
  let local: number | undefined;
  if (parts.length === 2) {
    const localString = parts[0] === '' ? '0' : parts[0]!;
    const p = parseUint16(localString);
    if ('error' in p) throw new KubeDeskError('invalid-input', `error parsing local port '${localString}': ${p.error}`);
    local = p.value;
  }
  if (remoteString === '') throw new KubeDeskError('invalid-input', 'remote port cannot be empty');
  if (!isNumeric(remoteString)) return { raw, local, remote: remoteString };
  if (local === undefined) {
    // One-part numeric form `P`: kubectl parses P as the local port first, then as the remote.
    const l = parseUint16(remoteString);
    if ('error' in l) throw new KubeDeskError('invalid-input', `error parsing local port '${remoteString}': ${l.error}`);
    local = l.value;
  }
  const r = parseUint16(remoteString);
  if ('error' in r) throw new KubeDeskError('invalid-input', `error parsing remote port '${remoteString}': ${r.error}`);
  if (r.value === 0) throw new KubeDeskError('invalid-input', 'remote port must be > 0');
  return { raw, local, remote: r.value };
}

export function parsePortArgs(args: readonly string[]): PortArg[] {
  if (args.length === 0) throw new KubeDeskError('invalid-input', 'at least 1 PORT is required for port-forward');
  return args.map(parsePortArg);
}
