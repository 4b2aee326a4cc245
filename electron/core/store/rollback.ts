// Undo steps for a multi-step change (a keychain failure half-way rolls back what was
// written). Steps run in reverse; a failing undo is logged and the rest still run.
import { describe } from '../errors.ts';
import type { Logger } from '../log.ts';

export class Rollback {
  #steps: Array<{ what: string; undo: () => Promise<unknown> }> = [];
  #log: Logger;

  constructor(log: Logger) {
    this.#log = log;
  }

  add(what: string, undo: () => Promise<unknown>): void {
    this.#steps.push({ what, undo });
  }

  async run(): Promise<void> {
    for (const step of this.#steps.reverse()) {
      try {
        await step.undo();
      } catch (err) {
        this.#log.error('rollback step failed', { step: step.what, error: describe(err) });
      }
    }
    this.#steps = [];
  }
}
