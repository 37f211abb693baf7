// JCS against the examples of RFC 8785 (§3.2.2, §3.2.3, Appendix B) and, on random trees, against the
// `canonicalize` package as an oracle.
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { sharedText } from '../agents-json/corpus.fixture';
import { jcs, JcsError } from './jcs';

const f64 = (hex: string) => new DataView(Uint8Array.from(hex.match(/../g)!.map((b) => parseInt(b, 16))).buffer).getFloat64(0, false);

describe('jcs', () => {
  it('serialises the RFC 8785 §3.2.2 example', () => {
    const input = JSON.parse('{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}');
    expect(jcs(input)).toBe('{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
  });

  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3)', () => {
    const input = JSON.parse('{"\\u20ac":"Euro Sign","\\r":"Carriage Return","\\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\\ud83d\\ude00":"Emoji: Grinning Face","\\u0080":"Control","\\u00f6":"Latin Small Letter O With Diaeresis"}');
    // Read the order from the text: a parsed object would move the integer-like key "1" first.
    expect([...jcs(input).matchAll(/:"([^"]+)"/g)].map((m) => m[1])).toEqual(['Carriage Return', 'One', 'Control', 'Latin Small Letter O With Diaeresis', 'Euro Sign', 'Emoji: Grinning Face', 'Hebrew Letter Dalet With Dagesh']);
  });

  it('writes numbers as RFC 8785 Appendix B does', () => {
    const table: [string, string][] = [
      ['0000000000000000', '0'], ['8000000000000000', '0'], ['0000000000000001', '5e-324'], ['8000000000000001', '-5e-324'],
      ['7fefffffffffffff', '1.7976931348623157e+308'], ['ffefffffffffffff', '-1.7976931348623157e+308'],
      ['4340000000000000', '9007199254740992'], ['c340000000000000', '-9007199254740992'], ['4430000000000000', '295147905179352830000'],
      ['44b52d02c7e14af5', '9.999999999999997e+22'], ['44b52d02c7e14af6', '1e+23'], ['44b52d02c7e14af7', '1.0000000000000001e+23'],
      ['444b1ae4d6e2ef4e', '999999999999999700000'], ['444b1ae4d6e2ef4f', '999999999999999900000'], ['444b1ae4d6e2ef50', '1e+21'],
      ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'], ['3eb0c6f7a0b5ed8d', '0.000001'], ['41b3de4355555553', '333333333.3333332'],
      ['41b3de4355555554', '333333333.33333325'], ['41b3de4355555555', '333333333.3333333'], ['41b3de4355555556', '333333333.3333334'],
      ['41b3de4355555557', '333333333.33333343'], ['becbf647612f3696', '-0.0000033333333333333333'], ['43143ff3c1cb0959', '1424953923781206.2'],
    ];
    for (const [hex, text] of table) expect(jcs(f64(hex)), hex).toBe(text);
  });

  it('matches the JCS the ANP messaging vectors expect, numbers and empty objects included', () => {
    const v = JSON.parse(sharedText('specs/anp-vectors/direct_e2ee/p5_v2_wire_vectors.json')) as Record<string, unknown>;
    expect(jcs(v.application_plaintext)).toBe(v.expected_application_plaintext_jcs);
    expect(jcs(v.application_plaintext_numeric)).toBe(v.expected_application_plaintext_numeric_jcs);
  });

  it('refuses what JSON cannot carry', () => {
    for (const bad of [NaN, Infinity, -Infinity, '\ud800', { k: '\udc00x' }, () => 1, 10n]) expect(() => jcs(bad), String(bad)).toThrow(JcsError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => jcs(cyclic)).toThrow('refers to itself');
  });

  it('agrees with the canonicalize oracle on random trees', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const chars = ['a', 'Z', 'é', '€', '😀', '\n', '"', '\\', '\u0001', '\u007f', 'דּ', ' '];
    const s = () => Array.from({ length: Math.floor(rnd() * 6) }, () => chars[Math.floor(rnd() * chars.length)]).join('');
    const value = (depth: number): unknown => {
      const k = Math.floor(rnd() * (depth > 3 ? 4 : 6));
      if (k === 0) return null;
      if (k === 1) return rnd() < 0.5;
      if (k === 2) return [(rnd() - 0.5) * 10 ** Math.floor(rnd() * 40 - 20), Math.floor(rnd() * 1e6), -0][Math.floor(rnd() * 3)];
      if (k === 3) return s();
      if (k === 4) return Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(rnd() * 5) }, () => [s(), value(depth + 1)]));
    };
    for (let i = 0; i < 500; i++) {
      const v = value(0);
      expect(jcs(v)).toBe(canonicalize(v));
    }
  });
});
