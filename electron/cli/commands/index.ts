import type { Command } from '../command.ts';
import { contextsCommand } from './contexts.ts';
import { credentialCommand } from './credential.ts';
import { exportKubeconfigCommand } from './export-kubeconfig.ts';
import { importCommand } from './import.ts';
import { removeCommand } from './remove.ts';
import { whoamiCommand } from './whoami.ts';
import { clusterInfoCommand } from './cluster-info.ts';
import { forwardCommand } from './forward.ts';
import { proxyCommand } from './proxy.ts';
import { urlCommand } from './url.ts';
import { serveCommand } from './serve.ts';
import { demoCommand } from './demo.ts';

/** Every command, in --help order. A command appears here only once it works (docs/cli.md). */
export const COMMANDS: readonly Command[] = [
  contextsCommand,
  importCommand,
  removeCommand,
  whoamiCommand,
  clusterInfoCommand,
  forwardCommand,
  proxyCommand,
  urlCommand,
  serveCommand,
  demoCommand,
  credentialCommand,
  exportKubeconfigCommand,
];
