// Strict hex and byte helpers shared by the EVM modules. Everything a site sends passes through
// these, so they never guess: a hex string is `0x` + an even number of hex digits, nothing else.

export type Hex = `0x${string}`;

const HEX_RE = /^0x(?:[0-9a-fA-F]{2})*$/;

/** True when `value` is `0x`-prefixed, even-length hex (optionally of exactly `byteLength` bytes). */
export function isHex(value: unknown, byteLength?: number): value is Hex {
  if (typeof value !== 'string' || !HEX_RE.test(value)) return false;
  return byteLength === undefined || value.length === 2 + 2 * byteLength;
}

/** Decode `0x`-prefixed hex; throws a clear error naming `what` otherwise. */
export function hexToBytes(value: unknown, what = 'hex value', byteLength?: number): Uint8Array {
  if (typeof value !== 'string') throw new TypeError(`${what} must be a 0x-prefixed hex string, got ${typeof value}`);
  if (!HEX_RE.test(value)) throw new TypeError(`${what} is not 0x-prefixed even-length hex: ${quote(value)}`);
  const n = (value.length - 2) / 2;
  if (byteLength !== undefined && n !== byteLength) {
    throw new TypeError(`${what} must be ${byteLength} bytes, got ${n}`);
  }
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = parseInt(value.slice(2 + 2 * i, 4 + 2 * i), 16);
  return out;
}

const HEX_DIGITS = '0123456789abcdef';

/** Lower-case `0x` hex of `bytes`. */
export function bytesToHex(bytes: Uint8Array): Hex {
  let s = '0x';
  for (const b of bytes) s += HEX_DIGITS[b >> 4] + HEX_DIGITS[b & 15];
  return s as Hex;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let len = 0;
  for (const p of parts) len += p.length;
  const out = new Uint8Array(len);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** UTF-8 bytes of `text`; refuses strings with lone surrogates (they would be silently replaced). */
export function utf8Bytes(text: string, what = 'string'): Uint8Array {
  if (LONE_SURROGATE.test(text)) throw new TypeError(`${what} is not valid Unicode (lone surrogate)`);
  return new TextEncoder().encode(text);
}

export const MAX_UINT256 = (1n << 256n) - 1n;

/** Big-endian 32-byte word of an unsigned value below 2^256. */
export function uint256Word(value: bigint): Uint8Array {
  if (value < 0n || value > MAX_UINT256) throw new RangeError(`value ${value} does not fit in 256 bits`);
  const out = new Uint8Array(32);
  let v = value;
  for (let i = 31; i >= 0 && v > 0n; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

export function bytesToBigInt(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

/** Short, escaped rendering of an untrusted value for an error message. */
export function quote(value: unknown, max = 48): string {
  let s: string;
  try {
    s = typeof value === 'bigint' ? `${value}n` : (JSON.stringify(value) ?? String(value));
  } catch {
    s = Object.prototype.toString.call(value);
  }
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
