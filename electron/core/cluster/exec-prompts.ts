// The app's stand-in for the terminal an interactive exec plugin expects (device-code logins,
// `interactiveMode: Always`): each plugin run that reads stdin gets a prompt id; its stderr so far
// goes to the window as `contexts:exec-prompt` with that id, and `contexts:exec-answer` writes the
// user's line to its stdin. An answer is a secret: it is written to the plugin and nowhere else
// (never logged, never in an event). client-go/plugin/pkg/client/auth/exec/exec.go gives the
// plugin the terminal's stdin in the same place.
import { randomUUID } from 'node:crypto';
import type { ExecPrompt } from '../../shared/ipc-contract.ts';
import { KubeDeskError } from '../errors.ts';
import type { Disposable } from '../lifecycle.ts';
import type { ExecPrompter, PluginWho, PromptSession } from './exec-plugin.ts';

/** Stderr kept per prompt (a device-code prompt is a few lines; a chatty plugin is cut). */
const MAX_PROMPT_TEXT = 16 * 1024;

export class ExecPromptBroker implements ExecPrompter, Disposable {
  #emit: (prompt: ExecPrompt) => void;
  #waiting = new Map<string, (text: string) => void>();

  constructor(emit: (prompt: ExecPrompt) => void) {
    this.#emit = emit;
  }

  begin(who: PluginWho, answer: (text: string) => void): PromptSession {
    const id = randomUUID();
    let text = '';
    this.#waiting.set(id, answer);
    return {
      stderr: (chunk) => {
        text = (text + chunk).slice(-MAX_PROMPT_TEXT);
        this.#emit({ id, user: who.user, command: who.command, text });
      },
      end: () => {
        if (!this.#waiting.delete(id)) return;
        this.#emit({ id, user: who.user, command: who.command, text, done: true });
      },
    };
  }

  /** Writes `text` to the stdin of the plugin waiting on `id`. */
  answer(id: string, text: string): void {
    const write = this.#waiting.get(id);
    if (!write) throw new KubeDeskError('not-found', 'no credential plugin is waiting for this answer (it has exited)');
    write(text);
  }

  dispose(): void {
    this.#waiting.clear();
  }
}
