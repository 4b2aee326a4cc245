#!/usr/bin/env node
// The `kubedesk` command (package.json bin). Runs on Node >= 22 with type stripping.
import { runCli } from './main.ts';
import { processIo } from './process-io.ts';

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
