// The contexts fragment of the IPC contract, served by the ContextsService; the keychain-for-kubectl
// channels (plaintext report, migrate, export) by kubectl-keychain.ts.
import type { ContextsContract } from '../../shared/ipc-contract.ts';
import type { AreaHandlers } from '../api/dispatch.ts';
import type { ContextsService } from './contexts-service.ts';
import { exportForKubectl, migrateSource, plaintextReport, type KubectlKeychainDeps } from './kubectl-keychain.ts';

export function createContextsHandlers(contexts: ContextsService, keychain: KubectlKeychainDeps): AreaHandlers<ContextsContract> {
  return {
    'contexts:list': () => contexts.snapshot(),
    'contexts:detail': (req) => contexts.detail(req.name),
    'contexts:preview': (req) => contexts.preview(req.yaml),
    'contexts:import': (req) => contexts.importYaml(req.yaml, req.names),
    'contexts:add': (req) => contexts.add(req),
    'contexts:remove': (req) => contexts.remove(req.name),
    'contexts:rename': (req) => contexts.rename(req.from, req.to),
    'contexts:use': (req) => contexts.use(req.name),
    'contexts:health': (req, signal) => contexts.health(req.name, signal),
    'contexts:exec-answer': (req) => contexts.answerPrompt(req.id, req.text),
    'contexts:plaintext-report': () => plaintextReport(keychain.sources),
    'contexts:migrate': (req) => migrateSource(keychain, req.file, req.mode),
    'contexts:export-kubeconfig': (req) => exportForKubectl(keychain, req),
  };
}
