#!/usr/bin/env node
// The `kubedesk` command: the entry of the bundle (out/cli/kubedesk.mjs, cli.vite.config.ts) and,
// run by kubedesk.mjs when there is no current bundle, of the sources (Node >= 22 strips types).
// Node's compile cache (in the OS temp folder, or NODE_COMPILE_CACHE) keeps the stripped and
// compiled modules between runs: it must be on before the CLI's modules load, hence the dynamic
// imports below (kubedesk.mjs turns it on even before this file). kubectl starts
// `kubedesk credential` before each of its commands.
import module from 'node:module';

module.enableCompileCache?.();
const [{ runCli }, { processIo }] = await Promise.all([import('./main.ts'), import('./process-io.ts')]);

const controller = new AbortController();
let signals = 0;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    signals += 1;
    if (signals > 1) process.exit(130);
    controller.abort();
  });
}

const code = await runCli(process.argv.slice(2), {
  io: processIo(),
  signal: controller.signal,
});
process.exitCode = code;
// Long-running commands have disposed everything by now; don't wait on stray handles.
if (controller.signal.aborted) setImmediate(() => process.exit(code));
