// How a forward's state, wire protocol and local URLs show in the forwards table.
import type { ForwardBinding, ForwardInfo, ForwardState } from '../../../../../electron/shared/ipc-contract.ts';

export const STATE_LABEL: Record<ForwardState, string> = {
  starting: 'Starting',
  active: 'Active',
  reconnecting: 'Reconnecting',
  failed: 'Failed',
  stopped: 'Stopped',
};

/** How each wire protocol is named in the list (docs/port-forward.md, Wire protocols). */
export const TRANSPORT_LABELS: Record<NonNullable<ForwardInfo['transport']>, string> = {
  'spdy-websocket': 'SPDY over WebSocket',
  spdy: 'SPDY',
  'websocket-v4': 'WebSocket v4',
};

/** One URL per local port (the first address), for copy/open. */
export function localUrls(f: ForwardInfo): ForwardBinding[] {
  return f.bindings.filter((b, i, all) => all.findIndex((x) => x.local === b.local) === i);
}
