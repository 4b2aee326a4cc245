import type { Command } from '../command.ts';
import { contextsCommand } from './contexts.ts';
import { serveCommand } from './serve.ts';
import { demoCommand } from './demo.ts';

/** Every command, in --help order. A command appears here only once it works (CLI.md). */
export const COMMANDS: readonly Command[] = [contextsCommand, serveCommand, demoCommand];
