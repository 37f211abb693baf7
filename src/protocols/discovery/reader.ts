// Typed, forgiving reads of untrusted discovery documents: each read says what was wrong in plain words
// and returns something usable (or undefined). Built on the agents.json Checker and safe JSON reader.
import { cappedText } from '../agents-json/dialects';
import { childPath, describeType, hasOwn, isObject, parseJsonText, type JsonObject, type JsonValue, type Problem } from '../agents-json/json';
import { resolveFetchableUrl } from '../agents-json/parse';
import { Checker } from '../agents-json/validate';
import { MAX_BYTES, MAX_JSON_DEPTH } from './policy';

/** How much a missing or malformed member matters. */
export type Need = 'error' | 'warning' | 'optional';

export const NAME_MAX = 200;
export const DESCRIPTION_MAX = 2000;
export const SHORT_MAX = 300;

/** Reads JSON text as an object within the discovery caps; null (with problems) when it is not one. */
export function readJsonObject(text: string, label: string, maxBytes: number = MAX_BYTES.card): { root: JsonObject | null; problems: Problem[] } {
  const tree = parseJsonText(text, label, { maxBytes, maxDepth: MAX_JSON_DEPTH, maxNodes: 200_000 });
  if (!tree.ok) return { root: null, problems: tree.problems };
  if (!isObject(tree.value)) {
    return { root: null, problems: [...tree.problems, { severity: 'error', path: '', message: `${label}: must be a JSON object, found ${describeType(tree.value)}` }] };
  }
  return { root: tree.value, problems: tree.problems };
}

/** The first of several alias keys present on the object (e.g. `interfaces` / `ad:interfaces`). */
export function aliasKey(obj: JsonObject, keys: readonly string[]): string | undefined {
  return keys.find((k) => hasOwn(obj, k) && obj[k] !== null && obj[k] !== undefined);
}

/** `@type` and friends: a string or an array of strings, as a list. */
export function typeList(value: JsonValue | undefined): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

export class Reader extends Checker {
  constructor(label: string, readonly baseUrl: string) {
    super(label);
  }

  /** Reports per `need`: errors and warnings say the member is missing; optional stays quiet. */
  missing(path: string, need: Need, what = 'is missing'): void {
    if (need === 'error') this.error(path, `${what}; it is required`);
    else if (need === 'warning') this.warn(path, `${what} (the specification requires it)`);
  }

  private wrongType(path: string, need: Need, expected: string, value: JsonValue): void {
    const text = `must be ${expected}, found ${describeType(value)}; ignored`;
    if (need === 'error') this.error(path, text);
    else this.warn(path, text);
  }

  /** Display text: capped, without control or bidi-override characters. */
  text(obj: JsonObject, key: string, path: string, need: Need, max = SHORT_MAX): string | undefined {
    const at = childPath(path, key);
    if (!hasOwn(obj, key) || obj[key] === null) {
      this.missing(at, need);
      return undefined;
    }
    const value = obj[key];
    if (typeof value !== 'string') {
      this.wrongType(at, need, 'a string', value);
      return undefined;
    }
    const capped = cappedText(value, max);
    if (capped === undefined) this.missing(at, need, 'is empty');
    return capped;
  }

  bool(obj: JsonObject, key: string, path: string): boolean {
    if (!hasOwn(obj, key) || obj[key] === null) return false;
    if (typeof obj[key] !== 'boolean') {
      this.warn(childPath(path, key), `must be true or false, found ${describeType(obj[key])}; read as false`);
      return false;
    }
    return obj[key] as boolean;
  }

  obj(obj: JsonObject, key: string, path: string, need: Need): JsonObject | undefined {
    const at = childPath(path, key);
    if (!hasOwn(obj, key) || obj[key] === null) {
      this.missing(at, need);
      return undefined;
    }
    if (!isObject(obj[key])) {
      this.wrongType(at, need, 'an object', obj[key]);
      return undefined;
    }
    return obj[key] as JsonObject;
  }

  list(obj: JsonObject, key: string, path: string, need: Need): JsonValue[] | undefined {
    const at = childPath(path, key);
    if (!hasOwn(obj, key) || obj[key] === null) {
      this.missing(at, need);
      return undefined;
    }
    if (!Array.isArray(obj[key])) {
      this.wrongType(at, need, 'an array', obj[key]);
      return undefined;
    }
    return obj[key] as JsonValue[];
  }

  /** Objects of an array, at most `max` of them (the rest is reported once); non-objects are reported and skipped. */
  *items(items: JsonValue[], path: string, max: number, severity: 'error' | 'warning' = 'warning'): Generator<[JsonObject, string]> {
    if (items.length > max) this.warn(path, `has ${items.length} entries; only the first ${max} are read`);
    for (let i = 0; i < Math.min(items.length, max); i++) {
      const at = childPath(path, i);
      if (isObject(items[i])) yield [items[i] as JsonObject, at];
      else this.report(severity, at, `must be an object, found ${describeType(items[i])}; skipped`);
    }
  }

  /** A list of short strings (media types, tags, examples); other entries are reported and skipped. */
  strings(obj: JsonObject, key: string, path: string, need: Need, maxItems = 32, maxLength = SHORT_MAX): string[] {
    const raw = this.list(obj, key, path, need);
    if (!raw) return [];
    const at = childPath(path, key);
    if (raw.length > maxItems) this.warn(at, `has ${raw.length} entries; only the first ${maxItems} are read`);
    const out: string[] = [];
    raw.slice(0, maxItems).forEach((v, i) => {
      const text = typeof v === 'string' ? cappedText(v, maxLength) : undefined;
      if (text === undefined) this.warn(childPath(at, i), `must be a non-empty string, found ${typeof v === 'string' ? 'an empty one' : describeType(v)}; skipped`);
      else out.push(text);
    });
    return out;
  }

  /**
   * A URL the client may fetch or connect to: https (http only on loopback), resolved against the document's
   * URL when relative (with a warning). `need` decides the severity when it is missing or unusable.
   */
  url(obj: JsonObject, key: string, path: string, need: Need): string | undefined {
    const raw = this.text(obj, key, path, need, 4000);
    if (raw === undefined) return undefined;
    return this.checkUrl(raw, childPath(path, key), need);
  }

  checkUrl(raw: string, at: string, need: Need): string | undefined {
    const absolute = /^[a-z][a-z0-9+.-]*:/i.test(raw);
    const resolved = resolveFetchableUrl(raw, this.baseUrl);
    if ('reason' in resolved) {
      const text = `${JSON.stringify(raw.slice(0, 200))} ${resolved.reason}; not used`;
      if (need === 'error') this.error(at, text);
      else this.warn(at, text);
      return undefined;
    }
    if (!absolute) this.warn(at, `${JSON.stringify(raw.slice(0, 200))} is relative; resolved against the document's URL`);
    return resolved.url;
  }
}

/** Removes duplicate strings, keeping the first. */
export function unique<T>(values: T[], key: (v: T) => string = (v) => String(v)): T[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const k = key(v);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
