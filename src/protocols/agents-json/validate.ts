// Hand-written typed readers for untrusted JSON (no schema compiler: MV3 forbids eval).
import { childPath, describeType, hasOwn, isObject, problem, type JsonObject, type JsonValue, type Problem, type Severity } from './json';

export const ID_MAX = 128;

/** True when the text has no whitespace and no control characters. */
export function isPlainToken(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20 || c === 0x7f || c === 0x85 || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x3000 || c === 0xfeff) return false;
  }
  return true;
}

/** Collects problems for one document label. */
export class Checker {
  readonly problems: Problem[] = [];
  constructor(readonly label: string) {}

  report(severity: Severity, path: string, text: string): void {
    this.problems.push(problem(severity, this.label, path, text));
  }
  error(path: string, text: string): void {
    this.report('error', path, text);
  }
  warn(path: string, text: string): void {
    this.report('warning', path, text);
  }
  get errorCount(): number {
    return this.problems.filter((p) => p.severity === 'error').length;
  }

  /** A required string; reports missing or wrong type and returns undefined. */
  string(obj: JsonObject, key: string, path: string, required = true): string | undefined {
    const at = childPath(path, key);
    if (!hasOwn(obj, key) || obj[key] === undefined) {
      if (required) this.error(at, 'is required but missing');
      return undefined;
    }
    const value = obj[key];
    if (typeof value !== 'string') {
      if (required || value !== null) this.error(at, `must be a string, found ${describeType(value)}`);
      return undefined;
    }
    return value;
  }

  /** A required identifier: non-empty, no whitespace or control characters, at most ID_MAX characters. */
  id(obj: JsonObject, key: string, path: string): string | undefined {
    const value = this.string(obj, key, path);
    if (value === undefined) return undefined;
    const at = childPath(path, key);
    if (value.length === 0) this.error(at, 'must not be empty');
    else if (value.length > ID_MAX) this.error(at, `is longer than ${ID_MAX} characters`);
    else if (!isPlainToken(value)) this.error(at, `${JSON.stringify(value)} contains whitespace or control characters`);
    else return value;
    return undefined;
  }

  optionalString(obj: JsonObject, key: string, path: string): string | undefined {
    return this.string(obj, key, path, false);
  }

  boolean(obj: JsonObject, key: string, path: string, fallback: boolean): boolean {
    if (!hasOwn(obj, key) || obj[key] === null) return fallback;
    const value = obj[key];
    if (typeof value !== 'boolean') {
      this.error(childPath(path, key), `must be true or false, found ${describeType(value)}`);
      return fallback;
    }
    return value;
  }

  /** An object member; `required` false returns undefined quietly when absent or null. */
  object(obj: JsonObject, key: string, path: string, required = true): JsonObject | undefined {
    const at = childPath(path, key);
    if (!hasOwn(obj, key) || (obj[key] === null && !required)) {
      if (required) this.error(at, 'is required but missing');
      return undefined;
    }
    const value = obj[key];
    if (!isObject(value)) {
      this.error(at, `must be an object, found ${describeType(value)}`);
      return undefined;
    }
    return value;
  }

  array(obj: JsonObject, key: string, path: string, required = true): JsonValue[] | undefined {
    const at = childPath(path, key);
    if (!hasOwn(obj, key) || (obj[key] === null && !required)) {
      if (required) this.error(at, 'is required but missing');
      return undefined;
    }
    const value = obj[key];
    if (!Array.isArray(value)) {
      this.error(at, `must be an array, found ${describeType(value)}`);
      return undefined;
    }
    return value;
  }

  /** Each element must be an object; others are reported and skipped. Yields [object, index, path]. */
  *objects(items: JsonValue[], path: string): Generator<[JsonObject, number, string]> {
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const at = childPath(path, i);
      if (!isObject(item)) this.error(at, `must be an object, found ${describeType(item)}`);
      else yield [item, i, at];
    }
  }

  /** Reports the first earlier occurrence of a duplicate id. */
  unique(seen: Map<string, string>, id: string, path: string, what: string): boolean {
    const first = seen.get(id);
    if (first !== undefined) {
      this.error(path, `'${id}' duplicates ${first}; ${what} ids must be unique`);
      return false;
    }
    seen.set(id, path);
    return true;
  }
}
