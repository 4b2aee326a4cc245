// A "Copy" button that reads "Copied" for a moment after its click: the clipboard write, and which
// button (by key) shows it, for 1.5 s or until another button of the same group is clicked.
export class CopyFlash {
  /** The key of the button showing "Copied", or null. */
  key = $state<string | null>(null);

  /** Copies `text`; the button known by `key` (the text itself by default) shows "Copied". */
  async copy(text: string, key: string = text): Promise<void> {
    await navigator.clipboard.writeText(text);
    this.key = key;
    setTimeout(() => {
      if (this.key === key) this.key = null;
    }, 1500);
  }
}
