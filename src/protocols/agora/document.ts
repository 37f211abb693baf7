// What Emissary reads from an Agora protocol document: the library's YAML front matter (name,
// description, multiround — `agora/utils.py extract_metadata`, the first `---`…`---` block, part of the
// hashed text) and, when the document shows them, the JSON formats of its request and response so
// the popup can offer a form and a table instead of raw text. Documents are free text; this is a
// best reading, and the text itself is always shown.
import { hashMatches, type HashAlgorithm } from './hash';

export const DOCUMENT_MAX_CHARS = 256 * 1024;

export interface ProtocolMetadata {
  name: string;
  description: string;
  multiround: boolean;
  /** The document has no front matter block: the Python receiver refuses such documents. */
  missing: boolean;
}

/** A JSON Schema (subset) for one side of the exchange. */
export interface JsonFormat {
  schema: { type: 'object'; properties: Record<string, Record<string, unknown>>; required?: string[] };
  /** Derived from an example rather than stated as a schema. */
  fromExample: boolean;
}

export interface ProtocolFormats {
  request?: JsonFormat;
  response?: JsonFormat;
}

function scalar(raw: string): string | boolean {
  const v = raw.trim();
  if (/^(true|yes|on)$/i.test(v)) return true;
  if (/^(false|no|off)$/i.test(v)) return false;
  const quoted = /^(['"])([\s\S]*)\1$/.exec(v);
  return quoted ? quoted[2] : v;
}

/** Name, description and multi-round flag as the Python library reads them (same defaults). */
export function readMetadata(text: string): ProtocolMetadata {
  const start = text.indexOf('---');
  const end = start < 0 ? -1 : text.indexOf('---', start + 3);
  const fallback = { name: 'Unnamed protocol', description: 'No description provided', multiround: false };
  if (start < 0 || end < 0) return { ...fallback, missing: true };
  const fields: Record<string, string | boolean> = {};
  for (const line of text.slice(start + 3, end).split(/\r?\n/)) {
    const m = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line.trim());
    if (m) fields[m[1].toLowerCase()] = scalar(m[2]);
  }
  const str = (v: unknown, d: string) => (typeof v === 'string' && v ? v.slice(0, 500) : d);
  return { name: str(fields.name, fallback.name), description: str(fields.description, fallback.description), multiround: fields.multiround === true, missing: false };
}

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'string';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value === 'object' ? 'object' : typeof value;
}

function asFormat(value: unknown): JsonFormat | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const obj = value as Record<string, unknown>;
  if (obj.type === 'object' && obj.properties && typeof obj.properties === 'object' && !Array.isArray(obj.properties)) {
    const properties: Record<string, Record<string, unknown>> = {};
    for (const [k, v] of Object.entries(obj.properties as Record<string, unknown>).slice(0, 32)) {
      if (v && typeof v === 'object' && !Array.isArray(v)) properties[k.slice(0, 80)] = v as Record<string, unknown>;
    }
    const required = Array.isArray(obj.required) ? obj.required.filter((r): r is string => typeof r === 'string') : undefined;
    return { schema: { type: 'object', properties, ...(required ? { required } : {}) }, fromExample: false };
  }
  // An example message: every key it shows is taken as required, typed by its example value.
  const keys = Object.keys(obj).slice(0, 32);
  if (!keys.length) return undefined;
  const properties: Record<string, Record<string, unknown>> = {};
  for (const k of keys) properties[k.slice(0, 80)] = { type: typeOf(obj[k]), examples: [obj[k]] };
  return { schema: { type: 'object', properties, required: keys }, fromExample: true };
}

/** The request and response JSON formats the document shows in ```json blocks, by the words just before each. */
export function readFormats(text: string): ProtocolFormats {
  const formats: ProtocolFormats = {};
  const fence = /```json[^\n]*\n([\s\S]*?)```/gi;
  let m: RegExpExecArray | null;
  let count = 0;
  while ((m = fence.exec(text)) && count++ < 16) {
    const before = text.slice(Math.max(0, m.index - 200), m.index).toLowerCase();
    const lastLine = before.trimEnd().split('\n').slice(-2).join(' ');
    const side = /respon|reply|result|output|answer/.exec(lastLine) ? 'response' : /request|query|input|send|message/.exec(lastLine) ? 'request' : null;
    if (!side || formats[side]) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(m[1]);
    } catch {
      continue;
    }
    const format = asFormat(parsed);
    if (format) formats[side] = format;
  }
  return formats;
}

export type VerifiedDocument =
  | { ok: true; text: string; algorithm: HashAlgorithm; metadata: ProtocolMetadata; formats: ProtocolFormats }
  | { ok: false; error: string };

/** True when the text looks like bytes rather than a document someone wrote (NUL, many control characters). */
export function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const sample = text.slice(0, 4096);
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c >= 1 && c <= 8) || (c >= 14 && c <= 31) || c === 0xfffd) controls++;
  }
  return sample.length > 0 && controls / sample.length > 0.05;
}

/** Checks a fetched document against the hash it was offered under, and reads it. */
export function verifyDocument(text: string, hash: string): VerifiedDocument {
  if (text.length > DOCUMENT_MAX_CHARS) return { ok: false, error: `is longer than ${DOCUMENT_MAX_CHARS / 1024} KiB; Emissary does not keep documents that large` };
  if (looksBinary(text)) return { ok: false, error: 'is binary data, not a text document' };
  const algorithm = hashMatches(text, hash);
  if (!algorithm) return { ok: false, error: 'does not match the hash it was offered under' };
  return { ok: true, text, algorithm, metadata: readMetadata(text), formats: readFormats(text) };
}
