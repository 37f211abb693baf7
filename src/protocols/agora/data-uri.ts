// data: URIs (RFC 2397) as Agora uses them for protocol documents nobody published yet. The Python
// library writes `data:text/plain;charset=utf-8,` + percent-encoded text and reads that and the
// `;base64` form only; here any text/* media type and any charset the platform decodes are read,
// and everything else (images, octet streams) is refused: a protocol document is text.
import { base64 } from '@scure/base';

export const DATA_URI_MAX_CHARS = 1_500_000;

export type DataUriResult =
  | { ok: true; mediaType: string; charset: string; base64: boolean; text: string }
  | { ok: false; error: string };

const hexValue = (c: number) => (c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1);

function percentDecodeBytes(s: string): Uint8Array | null {
  const raw = new TextEncoder().encode(s);
  const out = new Uint8Array(raw.length);
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== 0x25 /* % */) {
      out[n++] = raw[i];
      continue;
    }
    const hi = hexValue(raw[i + 1] ?? 0);
    const lo = hexValue(raw[i + 2] ?? 0);
    if (hi < 0 || lo < 0) return null;
    out[n++] = hi * 16 + lo;
    i += 2;
  }
  return out.subarray(0, n);
}

/** Reads a data: URI holding text. Never throws. */
export function parseDataUri(uri: string): DataUriResult {
  if (typeof uri !== 'string' || !/^data:/i.test(uri)) return { ok: false, error: 'not a data: URI' };
  if (uri.length > DATA_URI_MAX_CHARS) return { ok: false, error: `longer than ${DATA_URI_MAX_CHARS.toLocaleString('en')} characters` };
  const comma = uri.indexOf(',');
  if (comma < 0) return { ok: false, error: 'has no comma before its data' };
  const params = uri.slice(5, comma).split(';').map((p) => p.trim());
  const isBase64 = params.length > 1 && params[params.length - 1].toLowerCase() === 'base64';
  if (isBase64) params.pop();
  const mediaType = (params.shift() || 'text/plain').toLowerCase();
  let charset = 'us-ascii';
  for (const p of params) {
    const [k, v] = p.split('=');
    if (k?.toLowerCase() === 'charset' && v) charset = v.replace(/^"|"$/g, '').toLowerCase();
  }
  if (!/^text\/[a-z0-9.+-]+$/.test(mediaType)) return { ok: false, error: `holds ${mediaType.slice(0, 60)}, not text` };
  const data = uri.slice(comma + 1);
  let bytes: Uint8Array | null;
  if (isBase64) {
    try {
      // Python's b64decode skips characters outside the alphabet; percent-escapes and whitespace are what occurs.
      const unescaped = percentDecodeBytes(data);
      const cleaned = (unescaped ? new TextDecoder().decode(unescaped) : data).replace(/\s+/g, '');
      const padded = cleaned + '='.repeat((4 - (cleaned.length % 4)) % 4);
      bytes = base64.decode(padded);
    } catch {
      return { ok: false, error: 'its base64 data does not decode' };
    }
  } else {
    bytes = percentDecodeBytes(data);
    if (!bytes) return { ok: false, error: 'holds a % not followed by two hex digits' };
  }
  // us-ascii is read as UTF-8: every ASCII text decodes the same, and nobody means ASCII when they send é.
  const label = charset === 'us-ascii' || charset === 'ascii' ? 'utf-8' : charset;
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    return { ok: false, error: `uses the charset ${charset.slice(0, 40)}, which Emissary cannot read` };
  }
  try {
    return { ok: true, mediaType, charset, base64: isBase64, text: decoder.decode(bytes) };
  } catch {
    return { ok: false, error: `is not valid ${charset.slice(0, 40)} text` };
  }
}

/** The library's inline form: `data:text/plain;charset=utf-8,` + Python's `urllib.parse.quote(text)` (keeps `/`). */
export function encodeDataUri(text: string): string {
  let quoted = '';
  for (const b of new TextEncoder().encode(text)) {
    const safe = (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b === 95 || b === 46 || b === 126 || b === 47 || b === 45;
    quoted += safe ? String.fromCharCode(b) : `%${b < 16 ? '0' : ''}${b.toString(16).toUpperCase()}`;
  }
  return `data:text/plain;charset=utf-8,${quoted}`;
}

/** The `;base64` form the library also reads. */
export function encodeDataUriBase64(text: string): string {
  return `data:text/plain;charset=utf-8;base64,${base64.encode(new TextEncoder().encode(text))}`;
}
