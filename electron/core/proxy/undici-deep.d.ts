// Types for the two undici modules the proxy imports directly (upstream-pool.ts), not through
// undici's index: the index loads all of undici (fetch, WebSocket, caches, mocks), ~3 MB of heap
// and ~12 MB of RSS that `kubedesk proxy` never uses (docs/proxy.md, Memory). undici 8 has no
// `exports` map, so its files can be imported; each is a CommonJS module whose module.exports is
// the one thing named here (lib/dispatcher/pool.js, lib/core/connect.js).
declare module 'undici/lib/dispatcher/pool.js' {
  import type { Pool } from 'undici';
  const PoolClass: typeof Pool;
  export default PoolClass;
}

declare module 'undici/lib/core/connect.js' {
  import type { buildConnector } from 'undici';
  const build: typeof buildConnector;
  export default build;
}
