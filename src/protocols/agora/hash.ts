// Agora protocol documents are named by the hash of their exact text. The Python library
// (agora-protocol/python `agora/utils.py compute_hash`) takes SHA-1 over the UTF-8 bytes of the string
// and writes it as padded standard base64 (28 characters, may hold `+`, `/`, `=`). Nothing is
// normalised: a trailing newline, CRLF instead of LF, or NFC vs NFD make another document.
// The spec page only says "SHA1 hash", so a 40-digit hex SHA-1 is accepted when verifying; some
// write-ups speak of SHA-256 hex, which is accepted too so such a peer's offers still verify.
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { base64 } from '@scure/base';

export type HashAlgorithm = 'sha1-base64' | 'sha1-hex' | 'sha256-hex';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** UTF-8 bytes as Python's `str.encode()` gives them; null when the text holds a lone surrogate (Python would raise). */
export function utf8Bytes(text: string): Uint8Array | null {
  if (LONE_SURROGATE.test(text)) return null;
  return new TextEncoder().encode(text);
}

/** The library's protocol hash: base64(SHA-1(UTF-8(text))). Throws on text Python could not encode. */
export function protocolHash(text: string): string {
  const bytes = utf8Bytes(text);
  if (!bytes) throw new Error('The document holds a lone UTF-16 surrogate, which has no UTF-8 form; it cannot be hashed.');
  return base64.encode(sha1(bytes));
}

/** Which way of writing the hash `hash` names `text`, or null when it names another text. */
export function hashMatches(text: string, hash: string): HashAlgorithm | null {
  const bytes = utf8Bytes(text);
  if (!bytes || typeof hash !== 'string') return null;
  if (hash.length === 28 && base64.encode(sha1(bytes)) === hash) return 'sha1-base64';
  if (/^[0-9a-fA-F]{40}$/.test(hash) && bytesToHex(sha1(bytes)) === hash.toLowerCase()) return 'sha1-hex';
  if (/^[0-9a-fA-F]{64}$/.test(hash) && bytesToHex(sha256(bytes)) === hash.toLowerCase()) return 'sha256-hex';
  return null;
}

/** Short form for people: the first 8 characters, as in "Agora protocol 3f2aB+9x…". */
export function hashPrefix(hash: string): string {
  return hash.length > 10 ? `${hash.slice(0, 8)}…` : hash;
}
