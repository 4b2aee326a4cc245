// The command palette's commands as data: go to a view, open a service through its gateway, start
// a saved forward. Running one is palette-run.ts's job.
import type { ForwardInfo, ServiceSummary } from '../../../../../electron/shared/ipc-contract.ts';
import { VIEWS, type ViewId } from '../../state/shell.svelte.ts';

export type PaletteCommand =
  | { kind: 'view'; id: string; title: string; detail: string; view: ViewId }
  | { kind: 'service'; id: string; title: string; detail: string; context: string; service: ServiceSummary }
  | { kind: 'forward'; id: string; title: string; detail: string; forwardId: string };

export interface PaletteSources {
  /** "Ctrl" or "⌘", for the shortcut hints. */
  mod: string;
  context: string | null;
  services: readonly ServiceSummary[];
  forwards: readonly ForwardInfo[];
}

export function paletteCommands(src: PaletteSources): PaletteCommand[] {
  const views: PaletteCommand[] = VIEWS.map((v, i) => ({
    kind: 'view',
    id: `view:${v.id}`,
    title: `Go to ${v.label}`,
    detail: `${src.mod}+${i + 1}`,
    view: v.id,
  }));
  const services: PaletteCommand[] =
    src.context === null
      ? []
      : src.services.map((s) => ({
          kind: 'service',
          id: `service:${s.namespace}/${s.name}`,
          title: `Open ${s.namespace}/${s.name}`,
          detail: `service · ${s.type}${s.ports.length ? ` · ${s.ports.map((p) => p.port).join(', ')}` : ''}`,
          context: src.context!,
          service: s,
        }));
  // Only forwards that are not running: starting a running one is a restart, which is Edit's job.
  const forwards: PaletteCommand[] = src.forwards
    .filter((f) => f.state === 'stopped' || f.state === 'failed')
    .map((f) => ({
      kind: 'forward',
      id: `forward:${f.id}`,
      title: `Start forward ${f.spec.target} ${f.spec.ports.join(' ')}`,
      detail: `${f.spec.context} / ${f.spec.namespace} · ${f.state}`,
      forwardId: f.id,
    }));
  return [...views, ...services, ...forwards];
}

/** What the filter matches a command on: its title and detail. */
export function commandText(c: PaletteCommand): string {
  return `${c.title} ${c.detail}`;
}

