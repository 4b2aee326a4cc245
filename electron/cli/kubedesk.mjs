#!/usr/bin/env node
// The `kubedesk` command's fastest entry: plain JavaScript, so Node need not load its TypeScript
// stripper for the entry itself, and with Node's compile cache on (in the OS temp folder, or
// NODE_COMPILE_CACHE) before any TypeScript module loads, so a warm start strips and compiles
// nothing (docs/cli.md, credential). kubectl runs `kubedesk credential` before each of its commands.
import module from 'node:module';

module.enableCompileCache?.();
await import('./bin.ts');
