// Safe reading of untrusted JSON and YAML: byte caps, depth and node caps, no prototype-polluting keys.
// Everything a site sends goes through `sanitizeTree` before any other code touches it.
import { parseDocument } from 'yaml';

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export type Severity = 'error' | 'warning';

/** One finding about a document. `message` is complete, human-readable and starts with the document label. */
export interface Problem {
  severity: Severity;
  /** JSON-pointer-ish location inside the document, e.g. `flows[2].actions[0].sourceId`; '' for the whole document. */
  path: string;
  message: string;
}

export interface TreeLimits {
  maxBytes: number;
  maxDepth: number;
  maxNodes: number;
}

export const MIB = 1024 * 1024;
export const DEFAULT_TREE_LIMITS: TreeLimits = { maxBytes: MIB, maxDepth: 64, maxNodes: 200_000 };

/** Keys that would reach an object's prototype when assigned with `obj[key] = value`. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__']);

const PATH_CAP = 120;

export function problem(severity: Severity, label: string, fullPath: string, text: string): Problem {
  const path = fullPath.length > PATH_CAP ? `${fullPath.slice(0, 80)}…${fullPath.slice(-30)}` : fullPath;
  return { severity, path, message: path ? `${label}: ${path} ${text}` : `${label}: ${text}` };
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** Appends a key to a display path: `a.b`, `a["application/json"]`, `a[3]`. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (/^[A-Za-z_$][\w$-]*$/.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

/** UTF-8 byte length without allocating an encoded copy. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

export function formatBytes(n: number): string {
  if (n >= MIB && n % MIB === 0) return `${n / MIB} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

/** Problem for input over the byte cap, or null. Checks the cheap bound (UTF-16 length) first. */
export function checkSize(text: string, label: string, maxBytes: number): Problem | null {
  if (text.length <= maxBytes / 3) return null;
  const bytes = text.length > maxBytes ? text.length : utf8Length(text);
  if (bytes <= maxBytes) return null;
  return problem('error', label, '', `is larger than ${formatBytes(maxBytes)} (at least ${bytes} bytes); not read`);
}

/**
 * Rebuilds a parsed tree as plain JSON data: drops `__proto__` keys, bounds depth and node count,
 * turns non-finite numbers and non-JSON values into null. Returns undefined if the node budget ran out.
 */
export function sanitizeTree(value: unknown, label: string, limits: TreeLimits, problems: Problem[]): JsonValue | undefined {
  let nodes = 0;
  let depthReported = false;
  let exhausted = false;
  // A YAML alias inside its own anchor (`a: &a [*a]`), or a cyclic object from a page, is a cycle:
  // walking it would expand it up to the node budget, so a node met again among its own ancestors is dropped.
  const ancestors = new Set<object>();
  let cycleReported = false;
  const walk = (node: unknown, path: string, depth: number): JsonValue => {
    if (exhausted) return null;
    if (++nodes > limits.maxNodes) {
      exhausted = true;
      problems.push(problem('error', label, '', `has more than ${limits.maxNodes} values; not read`));
      return null;
    }
    if (node === null || typeof node === 'string' || typeof node === 'boolean') return node;
    if (typeof node === 'number') return Number.isFinite(node) ? node : null;
    if (typeof node !== 'object') return null;
    if (depth >= limits.maxDepth) {
      if (!depthReported) {
        problems.push(problem('error', label, path, `nests deeper than ${limits.maxDepth} levels; the deeper part was dropped`));
        depthReported = true;
      }
      return null;
    }
    if (ancestors.has(node)) {
      if (!cycleReported) {
        problems.push(problem('error', label, path, 'refers to itself (a cycle, e.g. a YAML alias inside its own anchor); the repetition was dropped'));
        cycleReported = true;
      }
      return null;
    }
    ancestors.add(node);
    try {
      if (Array.isArray(node)) return node.map((item, i) => walk(item, childPath(path, i), depth + 1));
      const out: JsonObject = {};
      for (const key of Object.keys(node)) {
        if (FORBIDDEN_KEYS.has(key)) {
          problems.push(problem('warning', label, path || '(top level)', `has a key '${key}', which was dropped`));
          continue;
        }
        out[key] = walk((node as Record<string, unknown>)[key], childPath(path, key), depth + 1);
      }
      return out;
    } finally {
      ancestors.delete(node);
    }
  };
  const result = walk(value, '', 0);
  return exhausted ? undefined : result;
}

export type TreeResult = { ok: true; value: JsonValue; problems: Problem[] } | { ok: false; problems: Problem[] };

function finish(raw: unknown, label: string, limits: TreeLimits, problems: Problem[]): TreeResult {
  const value = sanitizeTree(raw, label, limits, problems);
  return value === undefined ? { ok: false, problems } : { ok: true, value, problems };
}

/** Parses JSON text within the limits. A leading BOM is tolerated. */
export function parseJsonText(text: string, label: string, limits: TreeLimits = DEFAULT_TREE_LIMITS): TreeResult {
  const tooBig = checkSize(text, label, limits.maxBytes);
  if (tooBig) return { ok: false, problems: [tooBig] };
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    const detail = err instanceof Error ? err.message.slice(0, 160) : 'unreadable';
    return { ok: false, problems: [problem('error', label, '', `is not valid JSON (${detail})`)] };
  }
  return finish(raw, label, limits, []);
}

/** Maximum number of alias expansions a YAML document may use (guards against "billion laughs"). */
export const YAML_MAX_ALIAS_COUNT = 50;

/** Parses YAML 1.2 (core schema: no custom tags, no merge keys, unique keys) within the limits. */
export function parseYamlText(text: string, label: string, limits: TreeLimits = DEFAULT_TREE_LIMITS): TreeResult {
  const tooBig = checkSize(text, label, limits.maxBytes);
  if (tooBig) return { ok: false, problems: [tooBig] };
  let raw: unknown;
  try {
    const doc = parseDocument(text, { schema: 'core', merge: false, uniqueKeys: true, logLevel: 'silent', prettyErrors: false });
    if (doc.errors.length > 0) {
      const first = doc.errors[0];
      const detail = `${first.code}: ${first.message.split('\n')[0]}`.slice(0, 160);
      return { ok: false, problems: [problem('error', label, '', `is not valid YAML (${detail})`)] };
    }
    raw = doc.toJS({ maxAliasCount: YAML_MAX_ALIAS_COUNT });
  } catch (err) {
    const detail = err instanceof Error ? err.message.split('\n')[0].slice(0, 160) : 'unreadable';
    return { ok: false, problems: [problem('error', label, '', `is not valid YAML (${detail})`)] };
  }
  return finish(raw, label, limits, []);
}

/** JSON when the text looks like JSON, YAML otherwise. */
export function parseJsonOrYaml(text: string, label: string, limits: TreeLimits = DEFAULT_TREE_LIMITS): TreeResult {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  return start.startsWith('{') || start.startsWith('[') ? parseJsonText(text, label, limits) : parseYamlText(text, label, limits);
}
