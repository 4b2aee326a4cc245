// `--address` as kubectl parses it (docs/port-forward.md, Arguments; client-go tools/portforward parseAddresses):
// `localhost` = 127.0.0.1 + ::1 where only both failing is fatal; an IP must bind; anything else
// is `<x> is not a valid IP`. De-duplicated and sorted as strings (127.0.0.1 before ::1).
import { isIP } from 'node:net';
import { KubeDeskError } from '../errors.ts';

export interface ListenAddress {
  address: string;
  family: 4 | 6;
  /** `all`: fatal only if every `all` address fails (localhost); `any`: this one must bind. */
  failureMode: 'all' | 'any';
}

export const DEFAULT_ADDRESSES: readonly string[] = ['localhost'];

/** Takes flag values as given (each may hold a comma-separated list, as cobra's StringSlice). */
export function parseListenAddresses(values: readonly string[]): ListenAddress[] {
  const items = values.flatMap((v) => v.split(',')).map((v) => v.trim());
  if (items.length === 0) throw new KubeDeskError('invalid-input', 'you must specify at least 1 address');
  const parsed = new Map<string, ListenAddress>();
  for (const raw of items) {
    if (raw === 'localhost') {
      if (!parsed.has('127.0.0.1')) parsed.set('127.0.0.1', { address: '127.0.0.1', family: 4, failureMode: 'all' });
      if (!parsed.has('::1')) parsed.set('::1', { address: '::1', family: 6, failureMode: 'all' });
      continue;
    }
    // Accept `[::1]` too: users copy it from the `Forwarding from [::1]:…` line.
    const address = /^\[.*\]$/.test(raw) ? raw.slice(1, -1) : raw;
    const version = isIP(address);
    if (version === 0) throw new KubeDeskError('invalid-input', `${raw} is not a valid IP`);
    parsed.set(address, { address, family: version === 4 ? 4 : 6, failureMode: 'any' });
  }
  return [...parsed.values()].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

/** `127.0.0.1:8080` or `[::1]:8080`, as Go's net.JoinHostPort. */
export function joinHostPort(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}
