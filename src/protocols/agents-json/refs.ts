// Local `$ref` resolution for OpenAPI documents with cycle protection, depth and size caps.
import { childPath, hasOwn, isObject, type JsonObject, type JsonValue } from './json';
import type { Checker } from './validate';

export const REF_MAX_DEPTH = 48;
export const REF_MAX_NODES = 50_000;

/** Follows a local JSON pointer (`#/a/b~1c`) through own properties only. */
export function lookupPointer(root: JsonValue, ref: string): JsonValue | undefined {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let node: JsonValue | undefined = root;
  for (const raw of ref.slice(2).split('/')) {
    let token: string;
    try {
      token = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    } catch {
      return undefined;
    }
    if (Array.isArray(node)) node = /^\d+$/.test(token) ? node[Number(token)] : undefined;
    else if (isObject(node)) node = hasOwn(node, token) ? node[token] : undefined;
    else return undefined;
    if (node === undefined) return undefined;
  }
  return node;
}

function refOf(node: JsonValue): string | undefined {
  return isObject(node) && typeof node.$ref === 'string' ? node.$ref : undefined;
}

/** OpenAPI 3.1: a description or summary beside a `$ref` overrides the target's. */
function withSiblings(expanded: JsonValue, refNode: JsonObject): JsonValue {
  if (isObject(expanded)) for (const key of ['description', 'summary']) if (typeof refNode[key] === 'string') expanded[key] = refNode[key];
  return expanded;
}

/**
 * Inlines every local `$ref` under `value`. External refs stay as they are (with a warning).
 * A ref that re-enters itself (a recursive schema) stays as a `{ $ref }` stub (warning); a chain of
 * bare refs that never reaches a value is an error. The whole expansion is bounded in depth and size.
 */
export class RefResolver {
  private nodes = 0;
  private exhausted = false;
  private readonly reported = new Set<string>();

  constructor(private readonly root: JsonValue, private readonly c: Checker) {}

  resolve(value: JsonValue, path: string): JsonValue {
    return this.walk(value, path, [], 0);
  }

  /** Follows a node's bare `$ref` chain (if any) without expanding inside it. Undefined when dangling or cyclic. */
  target(value: JsonValue | undefined, path: string): JsonObject | undefined {
    const ref = value === undefined ? undefined : refOf(value);
    if (ref === undefined || !ref.startsWith('#')) return isObject(value) && ref === undefined ? value : undefined;
    const found = this.follow(ref, path);
    return found && isObject(found.target) ? found.target : undefined;
  }

  /** Resolves a node that may itself be a ref (e.g. a parameter object), returning an object or undefined. */
  resolveObject(value: JsonValue, path: string): JsonObject | undefined {
    const ref = refOf(value);
    let out: JsonValue;
    if (ref !== undefined && ref.startsWith('#')) {
      const found = this.follow(ref, path);
      if (!found) return undefined;
      out = withSiblings(this.walk(found.target, path, found.chain, 1), value as JsonObject);
    } else out = this.resolve(value, path);
    return isObject(out) && refOf(out) === undefined ? out : undefined;
  }

  private once(key: string, report: () => void): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    report();
  }

  /** Follows bare `{ $ref }` chains to a value; undefined when dangling or cyclic (reported). */
  private follow(ref: string, path: string): { target: JsonValue; chain: string[] } | undefined {
    const chain = [ref];
    let target = lookupPointer(this.root, ref);
    for (;;) {
      if (target === undefined) {
        const last = chain[chain.length - 1];
        this.once(`dangling ${last}`, () => this.c.error(path, `$ref '${last}' points to nothing in the document`));
        return undefined;
      }
      const next = refOf(target);
      if (next === undefined || !next.startsWith('#')) return { target, chain };
      if (chain.includes(next)) {
        this.once(`cycle ${ref}`, () => this.c.error(path, `$ref cycle ${[...chain, next].map((r) => `'${r}'`).join(' → ')} never reaches a value`));
        return undefined;
      }
      chain.push(next);
      target = lookupPointer(this.root, next);
    }
  }

  private walk(node: JsonValue, path: string, stack: string[], depth: number): JsonValue {
    if (this.exhausted) return null;
    if (++this.nodes > REF_MAX_NODES) {
      this.exhausted = true;
      this.c.error(path, `expands to more than ${REF_MAX_NODES} values after resolving $refs; the rest was dropped`);
      return null;
    }
    if (depth > REF_MAX_DEPTH) {
      this.once('depth', () => this.c.error(path, `nests deeper than ${REF_MAX_DEPTH} levels after resolving $refs; truncated`));
      return null;
    }
    if (Array.isArray(node)) return node.map((item, i) => this.walk(item, childPath(path, i), stack, depth + 1));
    if (!isObject(node)) return node;
    const ref = refOf(node);
    if (ref !== undefined) {
      if (!ref.startsWith('#')) {
        this.once(`external ${ref}`, () => this.c.warn(path, `$ref '${ref.slice(0, 200)}' points outside this document and is not followed`));
        return node;
      }
      if (stack.includes(ref)) {
        this.once(`recursive ${ref}`, () => this.c.warn(path, `$ref '${ref}' is recursive; the inner occurrence is left unexpanded`));
        return { $ref: ref };
      }
      const found = this.follow(ref, path);
      if (!found) return {};
      const expanded = this.walk(found.target, path, [...stack, ...found.chain], depth);
      return withSiblings(expanded, node);
    }
    const out: JsonObject = {};
    for (const key of Object.keys(node)) out[key] = this.walk(node[key], childPath(path, key), stack, depth + 1);
    return out;
  }
}
