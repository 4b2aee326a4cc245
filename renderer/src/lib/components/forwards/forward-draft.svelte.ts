// The add/edit forward form's fields, kept by the list so Edit or New forward can refill an open form.
import type { ForwardInfo, ForwardSpecInput } from '../../../../../electron/shared/ipc-contract.ts';

export class ForwardDraft {
  /** The id being edited, '' for a new forward, null when the form is closed. */
  editing = $state<string | null>(null);
  context = $state('');
  namespace = $state('');
  target = $state('');
  ports = $state('');
  addresses = $state('localhost');
  spread = $state(false);
  autostart = $state(false);
  /** A save is under way (it outlives a Cancel, as the save does). */
  saving = $state(false);

  /** Opens the form on `f`, or empty on `context` for a new forward. */
  open(f: ForwardInfo | undefined, context: string): void {
    this.editing = f ? f.id : '';
    this.context = f?.spec.context ?? context;
    this.namespace = f?.spec.namespace ?? '';
    this.target = f?.spec.target ?? '';
    this.ports = f?.spec.ports.join(' ') ?? '';
    this.addresses = f?.spec.addresses.join(',') ?? 'localhost';
    this.spread = f?.spec.spread ?? false;
    this.autostart = f?.spec.autostart ?? false;
  }

  close(): void {
    this.editing = null;
  }

  /** The fields as the contract takes them: ports and addresses split on spaces or commas. */
  spec(): ForwardSpecInput {
    return {
      context: this.context.trim(),
      namespace: this.namespace.trim() || undefined,
      target: this.target.trim(),
      ports: this.ports.split(/[\s,]+/).filter(Boolean),
      addresses: this.addresses.split(/[\s,]+/).filter(Boolean),
      spread: this.spread,
      autostart: this.autostart,
    };
  }
}
