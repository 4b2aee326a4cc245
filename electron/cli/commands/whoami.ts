// `kubedesk whoami [--context NAME]` (docs/cli.md; kubectl/pkg/cmd/auth/whoami.go): SelfSubjectReview, kubectl auth
// whoami's facts as `Username: …` and `Groups: [...]` lines.
import { KubeDeskError } from '../../core/errors.ts';
import { formatGroups, whoAmI } from '../../core/cluster/whoami.ts';
import { writeLine, type Command } from '../command.ts';
import { cliLogger } from '../cli-logger.ts';
import { createCliCore, CONTEXT_OPTIONS, contextOption } from '../cli-core.ts';

export const whoamiCommand: Command = {
  name: 'whoami',
  summary: 'who the cluster says you are (SelfSubjectReview)',
  usage: 'whoami [--context NAME] [--json]',
  options: { ...CONTEXT_OPTIONS, json: { type: 'boolean' }, verbose: { type: 'boolean', short: 'v' } },
  positionals: { min: 0, max: 0 },
  async run(run) {
    const cli = createCliCore(run, cliLogger(run));
    try {
      const conn = await cli.connections.connect(contextOption(run), run.signal);
      try {
        const me = await whoAmI(conn, run.signal).catch((err: unknown) => {
          // kubectl's words for a server that is not there.
          if (err instanceof KubeDeskError && err.code === 'unreachable' && /ECONNREFUSED/.test(err.message)) {
            throw new KubeDeskError(
              'unreachable',
              `The connection to the server ${conn.server.host} was refused - did you specify the right host or port?`,
            );
          }
          throw err;
        });
        if (run.values['json']) {
          writeLine(run.io.stdout, JSON.stringify(me, null, 2));
          return 0;
        }
        // Two lines (kubectl's table also has UID and Extra; --json carries them).
        writeLine(run.io.stdout, `Username: ${me.username}`);
        writeLine(run.io.stdout, `Groups: ${formatGroups(me.groups)}`);
        return 0;
      } finally {
        conn.dispose();
      }
    } finally {
      await cli.dispose();
    }
  },
};
