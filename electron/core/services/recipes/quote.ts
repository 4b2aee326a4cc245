// Quoting for the recipes' copyable text. A context name may hold quotes, backslashes, `$`,
// spaces or newlines (kubeconfig names are free text), and must reach the shell or the client
// library exactly as it is, never as code.

/** POSIX single quotes: everything inside is literal; a `'` becomes `'\''` (close, escaped quote, reopen). */
export function shQuote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

/** One word of a command line, quoted only when it has to be (so `kubedesk` stays readable). */
export function shWord(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : shQuote(s);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export type CodeLanguage = 'go' | 'python' | 'javascript';

/**
 * A double-quoted string literal of Go, Python or JavaScript that holds exactly `s`. JSON's escapes
 * (`\"`, `\\`, `\n`, `\uXXXX` for other control characters) mean the same in all three. Go
 * also refuses a raw byte order mark and `\u` escapes of surrogate halves (go.dev/ref/spec,
 * String literals): the mark is escaped, and a lone surrogate, which no UTF-8 kubeconfig can
 * hold, becomes U+FFFD as Go's own decoding would make it.
 */
export function codeString(lang: CodeLanguage, s: string): string {
  if (lang !== 'go') return JSON.stringify(s);
  const wellFormed = s.replace(LONE_SURROGATE, '\uFFFD');
  return JSON.stringify(wellFormed).replaceAll('\uFEFF', '\\ufeff');
}
