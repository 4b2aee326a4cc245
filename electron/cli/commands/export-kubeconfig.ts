// `kubedesk export-kubeconfig [--context NAME]… [-o FILE]` (docs/cli.md): a kubeconfig for imported
// contexts whose users call `kubedesk credential`, so kubectl works with them and no secret is
// written anywhere. Users without a keychain entry (exec, tokenFile, key files) are kept as they are.
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { KubeDeskError } from '../../core/errors.ts';
import { writeFileAtomic } from '../../core/store/atomic-write.ts';
import type { Command } from '../command.ts';
import { cliLogger } from '../cli-logger.ts';
import { createCliCore } from '../cli-core.ts';

const BIN = join(import.meta.dirname, '..', 'bin.ts');

export const exportKubeconfigCommand: Command = {
  name: 'export-kubeconfig',
  summary: 'a kubeconfig for imported contexts, whose users call `kubedesk credential` (no secrets)',
  usage: 'export-kubeconfig [--context NAME]… [-o FILE]',
  options: { context: { type: 'string', multiple: true }, output: { type: 'string', short: 'o' } },
  positionals: { min: 0, max: 0 },
  async run(run) {
    const cli = createCliCore(run, cliLogger(run));
    try {
      const { doc, problem } = await cli.imported.read();
      if (problem) throw new KubeDeskError('invalid-input', problem);
      const wanted = run.values['context'] as string[] | undefined;
      const contexts = wanted ? wanted.map((n) => doc.contexts.find((c) => c.name === n) ?? fail(n)) : doc.contexts;
      const clusters = new Map<string, { name: string; cluster: unknown }>();
      const users = new Map<string, { name: string; user: unknown }>();
      const used = { clusters: new Set<string>(), users: new Set<string>() };
      // Entries of separate imports may share a name (every kubeadm cluster is "kubernetes"):
      // later ones get a suffix so kubectl's first-wins merge cannot mix them up.
      const unique = (set: Set<string>, base: string): string => {
        let n = base;
        for (let i = 2; set.has(n); i++) n = `${base}-${i}`;
        set.add(n);
        return n;
      };
      const out = contexts.map((ctx) => {
        const c = doc.clusters.find((x) => x.id === ctx.context.cluster)!;
        const u = doc.users.find((x) => x.id === ctx.context.user)!;
        if (!clusters.has(c.id)) clusters.set(c.id, { name: unique(used.clusters, c.name), cluster: c.cluster });
        if (!users.has(u.id)) {
          const user = u.secret
            ? {
                exec: {
                  apiVersion: 'client.authentication.k8s.io/v1',
                  command: process.execPath,
                  args: [BIN, 'credential', '--context', ctx.name],
                  env: [{ name: 'KUBEDESK_HOME', value: cli.home }],
                  interactiveMode: 'Never',
                  provideClusterInfo: false,
                },
                ...pick(u.user as Record<string, unknown>, ['as', 'as-uid', 'as-groups', 'as-user-extra']),
              }
            : u.user;
          users.set(u.id, { name: unique(used.users, u.name), user });
        }
        return {
          name: ctx.name,
          context: {
            cluster: clusters.get(c.id)!.name,
            user: users.get(u.id)!.name,
            ...(ctx.context.namespace ? { namespace: ctx.context.namespace } : {}),
          },
        };
      });
      const current = doc['current-context'] && out.some((c) => c.name === doc['current-context']) ? doc['current-context'] : undefined;
      const text = stringify({
        apiVersion: 'v1',
        kind: 'Config',
        ...(current ? { 'current-context': current } : {}),
        clusters: [...clusters.values()],
        users: [...users.values()],
        contexts: out,
      });
      const file = run.values['output'];
      if (typeof file === 'string') await writeFileAtomic(resolve(run.io.cwd, file), text);
      else run.io.stdout.write(text);
      return 0;
    } finally {
      await cli.dispose();
    }
  },
};

function fail(name: string): never {
  throw new KubeDeskError('not-found', `context "${name}" is not imported`);
}

function pick(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}
