// The SPDY/3 header dictionary lives with the shared SPDY framing (kube/spdy/), which both the
// demo's port-forward server and KubeDesk's forwards use.
export { SPDY3_DICTIONARY } from '../kube/spdy/spdy-dictionary.ts';
