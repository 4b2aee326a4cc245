// The warnings `kubedesk forward` prints on stderr when it starts (docs/security.md, H1): a
// listener on a non-loopback address still starts, but anyone who can reach that address
// reaches the pod, with no token in between (a forward carries raw TCP).
import { isLoopbackAddress } from '../security/host-header.ts';
import type { ListenAddress } from './listen-addresses.ts';

export function forwardWarnings(addresses: readonly ListenAddress[]): string[] {
  return addresses
    .filter((a) => !isLoopbackAddress(a.address))
    .map(
      (a) =>
        `Warning: --address ${a.address} is not a loopback address: anyone who can reach it can connect to the pod through your cluster credentials`,
    );
}
