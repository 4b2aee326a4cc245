// `--kubeconfig` / KUBECONFIG / ~/.kube/config for any command (docs/cli.md, "Where clusters come from").
import type { ParseArgsOptionsConfig } from 'node:util';
import { resolveKubeconfigSources, type KubeconfigSources } from '../core/kubeconfig/kubeconfig-sources.ts';
import { stringOption, type CommandRun } from './command.ts';

export const KUBECONFIG_OPTIONS: ParseArgsOptionsConfig = {
  kubeconfig: { type: 'string' },
};

export function sourcesFor(run: CommandRun): KubeconfigSources {
  return resolveKubeconfigSources({
    flag: stringOption(run.values, 'kubeconfig'),
    env: run.io.env['KUBECONFIG'],
    home: run.io.env['HOME'] ?? run.io.env['USERPROFILE'],
    cwd: run.io.cwd,
  });
}
