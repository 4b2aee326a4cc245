// The CLI's composition root moved to cli-core.ts; this name stays for the commands that still
// import it (contexts, forward, proxy) until they import cli-core.ts directly.
export { CONTEXT_OPTIONS, contextOption, createCliCore as clusterAccess } from './cli-core.ts';
