// Byte helpers shared by the wallet modules. Thin wrappers so every module decodes the same strict way:
// @scure/base rejects non-canonical base64 (bad padding, stray whitespace, non-zero pad bits), which
// matters for stored vault records where two spellings of the same bytes would hide tampering.
import { base58, base64, hex } from '@scure/base';

export function bytesToBase64(bytes: Uint8Array): string {
  return base64.encode(bytes);
}

/** Strict RFC 4648 base64 (with padding). Throws on anything non-canonical. */
export function base64ToBytes(text: string): Uint8Array {
  return base64.decode(text);
}

export function bytesToHex(bytes: Uint8Array): string {
  return hex.encode(bytes);
}

/** Lowercase or uppercase hex without a 0x prefix, even length. */
export function hexToBytes(text: string): Uint8Array {
  return hex.decode(text.toLowerCase());
}

export function bytesToBase58(bytes: Uint8Array): string {
  return base58.encode(bytes);
}

export function base58ToBytes(text: string): Uint8Array {
  return base58.decode(text);
}

export function utf8ToBytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Fatal decoding: a vault that decrypts to invalid UTF-8 is corrupt, not something to patch with U+FFFD. */
export function bytesToUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Best-effort erase of secret bytes. JavaScript gives no guarantee that no other copy exists
 * (GC moves, engine-internal buffers), but zeroing the buffers we own shortens their lifetime.
 */
export function wipeBytes(...buffers: Uint8Array[]): void {
  for (const buffer of buffers) buffer.fill(0);
}
