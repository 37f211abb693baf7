// Decoding untrusted x402 transport values: header lookup, base64 → UTF-8 → JSON with size and
// depth caps, and small field readers that turn every mistake into a specific Problem.

import { base64 } from '@scure/base';
import { quote } from '../evm/bytes';
import { LIMITS, type HeaderSource, type Problem, type ProblemCode, type Result } from './types';

export const problem = (code: ProblemCode, path: string, message: string): Problem => ({ code, path, message });
export const fail = <T>(code: ProblemCode, path: string, message: string): Result<T> => ({
  ok: false,
  problems: [problem(code, path, message)],
});

/** Case-insensitive header lookup over fetch `Headers` or a plain record. Arrays are joined by ', '. */
export function getHeader(headers: HeaderSource | null | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const get = (headers as { get?: unknown }).get;
  if (typeof get === 'function') {
    const v = (get as (n: string) => unknown).call(headers, name);
    return typeof v === 'string' ? v : undefined;
  }
  const want = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== want) continue;
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ');
  }
  return undefined;
}

/** Iteratively measure nesting so a hostile `[[[[…]]]]` cannot blow a recursive walker's stack later. */
export function jsonDepthExceeds(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (typeof v !== 'object' || v === null) continue;
    if (d >= max) return true;
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return false;
}

/** Parse JSON text with a depth cap. */
export function parseJsonText(text: string, path: string): Result<unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail('bad_json', path, `${path} is not valid JSON`);
  }
  if (jsonDepthExceeds(value, LIMITS.jsonDepth)) {
    return fail('too_deep', path, `${path} is nested more than ${LIMITS.jsonDepth} levels deep`);
  }
  return { ok: true, value };
}

const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

/** Standard base64 (padding optional) of UTF-8 JSON, as every x402 header carries. */
export function decodeBase64Json(value: string, path: string, maxLength: number): Result<unknown> {
  if (typeof value !== 'string') return fail('bad_base64', path, `${path} is not a string`);
  if (value.length > maxLength) {
    return fail('too_large', path, `${path} is ${value.length} characters; the limit is ${maxLength}`);
  }
  let text = value.trim();
  if (text.length === 0) return fail('bad_base64', path, `${path} is empty`);
  if (!BASE64_RE.test(text)) {
    const hint = /[-_]/.test(text) ? ' (looks like base64url; x402 uses standard base64)' : '';
    return fail('bad_base64', path, `${path} is not standard base64${hint}`);
  }
  if (!text.endsWith('=')) text += '='.repeat((4 - (text.length % 4)) % 4);
  let bytes: Uint8Array;
  try {
    bytes = base64.decode(text);
  } catch {
    return fail('bad_base64', path, `${path} is not valid base64 (bad length or padding)`);
  }
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('bad_utf8', path, `${path} does not decode to UTF-8 text`);
  }
  return parseJsonText(json, path);
}

export function encodeBase64Json(value: unknown): string {
  return base64.encode(new TextEncoder().encode(JSON.stringify(value)));
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const own = (o: Record<string, unknown>, k: string) => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);

/**
 * Field readers: each returns the value or pushes a Problem and returns undefined.
 * `required: false` lets a field be absent (undefined or null) without a problem.
 */
export class FieldReader {
  readonly problems: Problem[] = [];
  constructor(
    readonly obj: Record<string, unknown>,
    readonly path: string,
  ) {}

  at(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  raw(key: string): unknown {
    return own(this.obj, key);
  }

  add(code: ProblemCode, key: string, message: string): undefined {
    this.problems.push(problem(code, this.at(key), message));
    return undefined;
  }

  string(key: string, opts: { required?: boolean; max: number; nonEmpty?: boolean }): string | undefined {
    const v = own(this.obj, key);
    if (v === undefined || v === null) {
      return opts.required === false ? undefined : this.add('missing_field', key, `${this.at(key)} is missing`);
    }
    if (typeof v !== 'string') return this.add('bad_field', key, `${this.at(key)} must be a string, got ${quote(v)}`);
    if (v.length > opts.max) return this.add('too_large', key, `${this.at(key)} is longer than ${opts.max} characters`);
    if (opts.nonEmpty && v.length === 0) return this.add('bad_field', key, `${this.at(key)} must not be empty`);
    return v;
  }

  integer(key: string, min: number, max: number): number | undefined {
    const v = own(this.obj, key);
    if (v === undefined || v === null) return this.add('missing_field', key, `${this.at(key)} is missing`);
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      return this.add('bad_field', key, `${this.at(key)} must be a whole number, got ${quote(v)}`);
    }
    if (v < min || v > max) return this.add('bad_field', key, `${this.at(key)} must be between ${min} and ${max}, got ${v}`);
    return v;
  }

  object(key: string, required = true): Record<string, unknown> | undefined {
    const v = own(this.obj, key);
    if (v === undefined || v === null) {
      return required ? this.add('missing_field', key, `${this.at(key)} is missing`) : undefined;
    }
    if (!isObject(v)) return this.add('bad_field', key, `${this.at(key)} must be an object, got ${quote(v)}`);
    return v;
  }
}

/**
 * A resource URL: http(s), or `mcp://tool/<name>` as the x402 MCP transport names paid tools.
 * Returns a Problem message, or undefined when it is fine.
 */
export function checkHttpUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a valid URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:' && url.protocol !== 'mcp:') return `must be an http(s) or mcp: URL, not ${url.protocol}`;
  return undefined;
}
