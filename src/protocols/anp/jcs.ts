// RFC 8785 JSON Canonicalization Scheme, written for Emissary (the `canonicalize` package is only a
// test oracle). Keys sort by UTF-16 code units, which is JavaScript's default string order; numbers
// use the ECMAScript shortest round-trip form, which is what String(number) gives; strings escape
// only what JSON requires. What JCS cannot represent is refused rather than guessed.

export class JcsError extends Error {
  override name = 'JcsError';
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function str(s: string): string {
  // RFC 8785 §3.2.2.2: a string must be valid Unicode; JSON.stringify would escape a lone surrogate.
  if (LONE_SURROGATE.test(s)) throw new JcsError('a string holds a lone surrogate, which is not Unicode text');
  return JSON.stringify(s);
}

function num(n: number): string {
  if (!Number.isFinite(n)) throw new JcsError(`${n} is not a JSON number`);
  // -0 serialises as 0 (RFC 8785 §3.2.2.3); String() already gives the ECMAScript form.
  return Object.is(n, -0) ? '0' : String(n);
}

/** The canonical text of `value`. Throws JcsError for NaN/Infinity, lone surrogates, cycles and non-JSON values. */
export function jcs(value: unknown, seen: Set<object> = new Set()): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return num(value);
    case 'string':
      return str(value);
    case 'object':
      break;
    default:
      throw new JcsError(`a ${typeof value} is not JSON`);
  }
  const obj = value as object;
  if (seen.has(obj)) throw new JcsError('the value refers to itself');
  seen.add(obj);
  let out: string;
  if (Array.isArray(obj)) out = `[${obj.map((v) => jcs(v === undefined ? null : v, seen)).join(',')}]`;
  else {
    const record = obj as Record<string, unknown>;
    const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
    out = `{${keys.map((k) => `${str(k)}:${jcs(record[k], seen)}`).join(',')}}`;
  }
  seen.delete(obj);
  return out;
}

/** UTF-8 bytes of the canonical text: what gets hashed and signed. */
export function jcsBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(jcs(value));
}
