import type { Command } from '../command.ts';
import { contextsCommand } from './contexts.ts';
import { credentialCommand } from './credential.ts';
import { exportKubeconfigCommand } from './export-kubeconfig.ts';
import { migrateCommand } from './migrate.ts';
import { importCommand } from './import.ts';
import { removeCommand } from './remove.ts';
import { whoamiCommand } from './whoami.ts';
import { clusterInfoCommand } from './cluster-info.ts';
import { servicesCommand } from './services.ts';
import { forwardCommand } from './forward.ts';
import { proxyCommand } from './proxy.ts';
import { urlCommand } from './url.ts';
import { openCommand } from './open.ts';
import { serveCommand } from './serve.ts';
import { demoCommand } from './demo.ts';
import { topologyCommand } from './topology.ts';
import { doctorCommand } from './doctor.ts';

/** Every command, in --help order. A command appears here only once it works (docs/cli.md). */
export const COMMANDS: readonly Command[] = [
  contextsCommand,
  importCommand,
  removeCommand,
  whoamiCommand,
  doctorCommand,
  clusterInfoCommand,
  servicesCommand,
  forwardCommand,
  proxyCommand,
  urlCommand,
  openCommand,
  topologyCommand,
  serveCommand,
  demoCommand,
  credentialCommand,
  exportKubeconfigCommand,
  migrateCommand,
];
