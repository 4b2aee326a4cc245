import { describe, expect, it } from 'vitest';
import type { ForwardInfo } from '../../../../electron/shared/ipc-contract.ts';
import { commandText, paletteCommands } from '../../../../renderer/src/lib/components/shell/palette-commands.ts';
import { openSpec } from '../../../../renderer/src/lib/state/services.svelte.ts';
import { fuzzyFilter } from '../../../../renderer/src/lib/components/shell/fuzzy.ts';
import { serviceSummary } from '../../../fakes/fake-kubedesk-client.ts';

function forward(id: string, state: ForwardInfo['state'], target = 'svc/web'): ForwardInfo {
  return {
    id,
    spec: { context: 'demo', namespace: 'shop', target, ports: [':80'], addresses: ['localhost'], spread: false, autostart: false },
    state,
    since: new Date(0).toISOString(),
    pod: null,
    pods: [],
    bindings: [],
    stats: { connectionsOpen: 0, connectionsTotal: 0, bytesIn: 0, bytesOut: 0 },
    served: [],
    lastError: null,
  };
}

describe('paletteCommands', () => {
  const services = [serviceSummary('shop', 'web'), serviceSummary('shop', 'api')];
  const forwards = [forward('f1', 'stopped'), forward('f2', 'active', 'svc/api'), forward('f3', 'failed', 'deploy/orders')];

  it('offers every view with its shortcut, each service of the context, and the forwards that are not running', () => {
    const cmds = paletteCommands({ mod: 'Ctrl', context: 'demo', services, forwards });
    expect(cmds.filter((c) => c.kind === 'view').map((c) => `${c.title} ${c.detail}`)).toEqual([
      'Go to Clusters Ctrl+1',
      'Go to Services Ctrl+2',
      'Go to Topology Ctrl+3',
      'Go to Port forwards Ctrl+4',
      'Go to API proxies Ctrl+5',
      'Go to Settings Ctrl+6',
    ]);
    expect(cmds.filter((c) => c.kind === 'service').map((c) => c.title)).toEqual(['Open shop/web', 'Open shop/api']);
    expect(cmds.flatMap((c) => (c.kind === 'forward' ? [c.forwardId] : []))).toEqual(['f1', 'f3']);
  });

  it('offers no service without a context', () => {
    const cmds = paletteCommands({ mod: '⌘', context: null, services, forwards: [] });
    expect(cmds.every((c) => c.kind === 'view')).toBe(true);
    expect(cmds[0]!.detail).toBe('⌘+1');
  });

  it('filters by title and detail: a fuzzy "fwd orders" finds the saved forward, "web" the service first', () => {
    const cmds = paletteCommands({ mod: 'Ctrl', context: 'demo', services, forwards });
    expect(fuzzyFilter(cmds, 'start orders', commandText).map((c) => c.id)).toEqual(['forward:f3']);
    expect(fuzzyFilter(cmds, 'web', commandText)[0]!.id).toBe('service:shop/web');
    expect(fuzzyFilter(cmds, 'topo', commandText)[0]!.id).toBe('view:topology');
  });
});

describe('openSpec', () => {
  it('names the first TCP port, by name when it has one, as `kubedesk url` takes it', () => {
    expect(openSpec(serviceSummary('shop', 'web'))).toBe('web:http');
    const unnamed = serviceSummary('shop', 'api', {
      ports: [
        { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP', nodePort: null },
        { name: '', port: 8080, targetPort: 8080, protocol: 'TCP', nodePort: null },
      ],
    });
    expect(openSpec(unnamed)).toBe('api:8080');
    expect(openSpec(serviceSummary('shop', 'none', { ports: [] }))).toBe('none');
  });
});
