import { execFileSync } from 'node:child_process';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { codeString, shQuote, shWord } from '../../../../../electron/core/services/recipes/quote.ts';
import { decodeGoString } from './go-string.ts';

// Context names are free text in a kubeconfig: each of these must come out of the quoting unchanged.
const NASTY = [
  'demo',
  '',
  "it's",
  'say "hi"',
  'back\\slash\\',
  '$(touch /tmp/pwned) `id` $HOME ${x}',
  'two\nlines\r\n\ttab',
  '\'\'""\\\'\\"',
  'ctl\u0000\u0001\u001b\u007f',
  'line\u2028sep\u2029para',
  '\uFEFFbom',
  'ünïcödé 日本 🚀',
  'gs://bucket/*?[a-z]!#;|&<>',
];

describe('shQuote, checked by a real shell', () => {
  it.each(NASTY.filter((s) => !s.includes('\u0000')))('hands %j to a command unchanged', (s) => {
    const out = execFileSync('sh', ['-c', `printf '%s' ${shQuote(s)}`], { encoding: 'utf8' });
    expect(out).toBe(s);
  });

  it('leaves plain words bare and quotes the rest', () => {
    expect(shWord('kubedesk')).toBe('kubedesk');
    expect(shWord('/usr/local/bin/kubedesk')).toBe('/usr/local/bin/kubedesk');
    expect(shWord('/Applications/Kube Desk.app/kubedesk')).toBe("'/Applications/Kube Desk.app/kubedesk'");
    expect(shWord('')).toBe("''");
  });
});

describe('codeString for Python, checked by python3', () => {
  it('is a literal that Python reads back as the same string', () => {
    const script = [
      'import ast, json, sys',
      'for line in sys.stdin.read().split("\\n\\x00\\n"):',
      '    node = ast.parse(line, mode="eval").body',
      '    assert isinstance(node, ast.Constant) and isinstance(node.value, str), line',
      '    print(json.dumps(node.value))',
    ].join('\n');
    const out = execFileSync('python3', ['-c', script], {
      input: NASTY.map((s) => codeString('python', s)).join('\n\0\n'),
      encoding: 'utf8',
    });
    expect(
      out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as string),
    ).toEqual(NASTY);
  });
});

describe('codeString for JavaScript, checked by the TypeScript parser', () => {
  it.each(NASTY)('is a literal that parses back to %j', (s) => {
    const file = ts.createSourceFile('x.mjs', `const s = ${codeString('javascript', s)};`, ts.ScriptTarget.ES2022, false, ts.ScriptKind.JS);
    const decl = (file.statements[0] as ts.VariableStatement).declarationList.declarations[0]!;
    expect(file.statements).toHaveLength(1);
    expect(ts.isStringLiteral(decl.initializer!)).toBe(true);
    expect((decl.initializer as ts.StringLiteral).text).toBe(s);
  });
});

describe('codeString for Go, checked by a decoder that follows the Go spec', () => {
  it.each(NASTY)('is a literal Go reads back as %j', (s) => {
    expect(decodeGoString(codeString('go', s))).toBe(s);
  });

  it('turns a lone surrogate (no UTF-8 name holds one) into U+FFFD instead of an escape Go refuses', () => {
    expect(decodeGoString(codeString('go', 'a\uD800b'))).toBe('a\uFFFDb');
    expect(decodeGoString(codeString('go', '🚀'))).toBe('🚀');
  });
});
