// A Go string-literal decoder for tests, written from go.dev/ref/spec (String literals, Rune
// literals): no Go toolchain is needed to check that a snippet's literals hold what they should.

/** An interpreted string literal, decoded as go.dev/ref/spec (String literals, Rune literals) says; throws where Go would not compile it. */
export function decodeGoString(lit: string): string {
  if (!lit.startsWith('"') || !lit.endsWith('"') || lit.length < 2) throw new Error(`not a Go string literal: ${lit}`);
  const body = lit.slice(1, -1);
  const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"' };
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '"' || c === '\n' || c === '\u0000' || c === '\uFEFF') throw new Error(`raw ${JSON.stringify(c)} in a Go string literal`);
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    if (e !== undefined && e in simple) out += simple[e];
    else if (e === 'x' || e === 'u' || e === 'U') {
      const n = { x: 2, u: 4, U: 8 }[e];
      const hex = body.slice(i + 1, i + 1 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) throw new Error(`bad \\${e} escape`);
      const cp = parseInt(hex, 16);
      if (e !== 'x' && ((cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)) throw new Error(`\\${e}${hex} is not a valid code point`);
      out += e === 'x' ? Buffer.from([cp]).toString('latin1') : String.fromCodePoint(cp);
      i += n;
    } else throw new Error(`unknown escape \\${e}`);
  }
  return out;
}
