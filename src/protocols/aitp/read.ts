// Field-by-field reading of untrusted AITP JSON. Every check that fails leaves a Problem with the
// exact path and what was wrong; nothing here throws. Built on the project's safe JSON reader.

import { childPath, describeType, isObject, hasOwn, problem, type JsonObject, type JsonValue, type Problem } from '../agents-json/json';

/** Caps on what a site may send. Generous for real use, small enough that nothing hangs or bloats idb. */
export const AITP_LIMITS = {
  /** Bytes of one capability message's JSON text. */
  messageBytes: 256 * 1024,
  /** Nesting depth of one message. */
  depth: 32,
  /** Values in one message. */
  nodes: 20_000,
  id: 256,
  shortText: 1_000,
  longText: 16_000,
  url: 2_048,
  amount: 80,
  hex: 2 + 2 * 24_576,
  /** Items in any one array (options, fields, actions, details...). */
  items: 200,
} as const;

export interface StrOptions {
  required?: boolean;
  max?: number;
  pattern?: RegExp;
  /** How the pattern is described in the problem, e.g. `0x + 40 hex digits`. */
  patternText?: string;
  nonEmpty?: boolean;
}

export interface NumOptions {
  required?: boolean;
  integer?: boolean;
  min?: number;
  max?: number;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

export function isDateTime(value: string): boolean {
  return RFC3339.test(value) && !Number.isNaN(Date.parse(value.replace(' ', 'T')));
}

/** An http(s) URL with a host, and nothing that could run script (`javascript:`, `data:`). */
export function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    const u = new URL(value);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * A JSON number used as money (the AITP-02 embedded quote) → plain decimal text, or null when it has no
 * exact plain form (negative, non-finite, exponent notation, beyond 2^53).
 */
export function numberToDecimal(value: number): string | null {
  if (!Number.isFinite(value) || value < 0 || value > Number.MAX_SAFE_INTEGER) return null;
  const text = String(value);
  return /^\d+(\.\d+)?$/.test(text) ? text : null;
}

function shorten(text: string, max = 40): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}

/** Collects problems for one message under one label ("AITP message", "thread", ...). */
export class Reader {
  constructor(
    readonly label: string,
    readonly problems: Problem[] = [],
  ) {}

  error(path: string, text: string): void {
    this.problems.push(problem('error', this.label, path, text));
  }

  warn(path: string, text: string): void {
    this.problems.push(problem('warning', this.label, path, text));
  }

  get failed(): boolean {
    return this.problems.some((p) => p.severity === 'error');
  }

  /** The value must be an object; otherwise a problem and undefined. */
  object(value: unknown, path: string): JsonObject | undefined {
    if (isObject(value)) return value;
    this.error(path, `must be an object, got ${describeType(value)}`);
    return undefined;
  }

  private present(o: JsonObject, key: string, path: string, required: boolean | undefined): JsonValue | undefined {
    if (!hasOwn(o, key) || o[key] === undefined) {
      if (required) this.error(childPath(path, key), 'is required but missing');
      return undefined;
    }
    return o[key];
  }

  obj(o: JsonObject, key: string, path: string, required = false): JsonObject | undefined {
    const v = this.present(o, key, path, required);
    return v === undefined ? undefined : this.object(v, childPath(path, key));
  }

  str(o: JsonObject, key: string, path: string, opts: StrOptions = {}): string | undefined {
    const v = this.present(o, key, path, opts.required);
    return v === undefined ? undefined : this.string(v, childPath(path, key), opts);
  }

  /** A bare value that must be a string within the options. */
  string(v: unknown, at: string, opts: StrOptions = {}): string | undefined {
    if (typeof v !== 'string') return void this.error(at, `must be a string, got ${describeType(v)}`);
    const max = opts.max ?? AITP_LIMITS.shortText;
    if (v.length > max) return void this.error(at, `is ${v.length} characters long; the limit is ${max}`);
    if (opts.nonEmpty && v.trim() === '') return void this.error(at, 'must not be empty');
    if (opts.pattern && !opts.pattern.test(v)) {
      return void this.error(at, `must be ${opts.patternText ?? `a string matching ${opts.pattern.source}`}, got ${shorten(v)}`);
    }
    return v;
  }

  id(o: JsonObject, key: string, path: string, required = true): string | undefined {
    return this.str(o, key, path, { required, max: AITP_LIMITS.id, nonEmpty: true });
  }

  url(o: JsonObject, key: string, path: string, required = false): string | undefined {
    const v = this.str(o, key, path, { required, max: AITP_LIMITS.url });
    if (v === undefined) return undefined;
    if (!isHttpUrl(v)) return void this.error(childPath(path, key), `must be an http(s) URL, got ${shorten(v)}`);
    return v;
  }

  dateTime(o: JsonObject, key: string, path: string, required = false): string | undefined {
    const v = this.str(o, key, path, { required, max: 64 });
    if (v === undefined) return undefined;
    if (!isDateTime(v)) return void this.error(childPath(path, key), `must be an RFC 3339 date-time, got ${shorten(v)}`);
    return v;
  }

  num(o: JsonObject, key: string, path: string, opts: NumOptions = {}): number | undefined {
    const v = this.present(o, key, path, opts.required);
    if (v === undefined) return undefined;
    const at = childPath(path, key);
    if (typeof v !== 'number' || !Number.isFinite(v)) return void this.error(at, `must be a number, got ${describeType(v)}`);
    if (opts.integer && !Number.isSafeInteger(v)) return void this.error(at, `must be a whole number, got ${v}`);
    if (opts.min !== undefined && v < opts.min) return void this.error(at, `must be at least ${opts.min}, got ${v}`);
    if (opts.max !== undefined && v > opts.max) return void this.error(at, `must be at most ${opts.max}, got ${v}`);
    return v;
  }

  bool(o: JsonObject, key: string, path: string, required = false): boolean | undefined {
    const v = this.present(o, key, path, required);
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') return void this.error(childPath(path, key), `must be true or false, got ${describeType(v)}`);
    return v;
  }

  oneOf<T extends string>(o: JsonObject, key: string, path: string, values: readonly T[], required = false): T | undefined {
    const v = this.str(o, key, path, { required, max: AITP_LIMITS.id });
    if (v === undefined) return undefined;
    if (!(values as readonly string[]).includes(v)) {
      return void this.error(childPath(path, key), `must be one of ${values.map((x) => `'${x}'`).join(', ')}, got ${shorten(v)}`);
    }
    return v as T;
  }

  /** An array of at most AITP_LIMITS.items items (or `max`), at least `minItems`. */
  arr(o: JsonObject, key: string, path: string, opts: { required?: boolean; minItems?: number; max?: number } = {}): JsonValue[] | undefined {
    const v = this.present(o, key, path, opts.required);
    if (v === undefined) return undefined;
    const at = childPath(path, key);
    if (!Array.isArray(v)) return void this.error(at, `must be an array, got ${describeType(v)}`);
    const max = opts.max ?? AITP_LIMITS.items;
    if (v.length > max) return void this.error(at, `has ${v.length} items; the limit is ${max}`);
    if (opts.minItems !== undefined && v.length < opts.minItems) {
      return void this.error(at, `must have at least ${opts.minItems} item${opts.minItems === 1 ? '' : 's'}`);
    }
    return v;
  }

  /** Reads each item of an array with `read`; items that fail are left out (their problems stay). */
  list<T>(o: JsonObject, key: string, path: string, read: (item: JsonValue, at: string) => T | undefined,
    opts: { required?: boolean; minItems?: number; max?: number } = {}): T[] | undefined {
    const items = this.arr(o, key, path, opts);
    if (items === undefined) return undefined;
    const out: T[] = [];
    items.forEach((item, i) => {
      const r = read(item, childPath(childPath(path, key), i));
      if (r !== undefined) out.push(r);
    });
    return out;
  }

  /** A list of strings, each checked with `opts`. */
  strings(o: JsonObject, key: string, path: string, opts: StrOptions & { minItems?: number } = {}): string[] | undefined {
    const { required, minItems, ...each } = opts;
    return this.list(o, key, path, (item, at) => this.string(item, at, each), { required, minItems });
  }
}

/** Copies the optional keys whose values are defined, so typed results carry no `key: undefined`. */
export function compact<T extends object>(value: T): T {
  const out = {} as T;
  for (const [k, v] of Object.entries(value)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

export type BodyReader<T> = (r: Reader, v: JsonValue, at: string) => T | undefined;

/**
 * A reader for one object shape: `fill` reads each field (reporting problems); the result is the compacted
 * object, or undefined when any error was reported while reading it.
 */
export function objectReader<T>(fill: (r: Reader, o: JsonObject, at: string) => Record<string, unknown>): BodyReader<T> {
  return (r, v, at) => {
    const o = r.object(v, at);
    if (!o) return undefined;
    const before = r.problems.length;
    const out = fill(r, o, at);
    return r.problems.slice(before).some((p) => p.severity === 'error') ? undefined : (compact(out) as T);
  };
}

/** Reads an optional (or required) nested object field with `read`. */
export function nested<T>(r: Reader, o: JsonObject, key: string, at: string, read: BodyReader<T>, required = false): T | undefined {
  if (o[key] === undefined) {
    if (required) r.error(childPath(at, key), 'is required but missing');
    return undefined;
  }
  return read(r, o[key], childPath(at, key));
}
