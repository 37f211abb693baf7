// Links: static checks at parse time, and reading/writing values along their field paths at run time.
import { childPath, FORBIDDEN_KEYS, hasOwn, isObject } from './json';
import type { Flow, LinkEnd } from './types';
import type { Checker } from './validate';

export const ORIGIN_ROOTS = ['parameters', 'requestBody', 'responses'] as const;
/** Where a link may write into an action: `parameters`/`requestBody` (spec), or a parameter location (seen in the corpus). */
export const ACTION_TARGET_ROOTS = ['parameters', 'requestBody', 'query', 'path', 'header', 'cookie'] as const;

/** True when a link end means the flow itself: null actionId (schema text) or the flow's id (observed practice). */
export function isFlowEnd(end: LinkEnd, flow: Flow): boolean {
  return end.actionId === null || end.actionId === flow.id;
}

export function splitFieldPath(fieldPath: string): string[] {
  return fieldPath.split('.');
}

export function checkLinks(c: Checker, flow: Flow, path: string): void {
  const order = new Map(flow.actions.map((a, i) => [a.id, i]));
  const declared = new Set(flow.fields.parameters.map((p) => p.name));
  flow.links.forEach((link, i) => {
    const lPath = childPath(childPath(path, 'links'), i);
    const oPath = childPath(lPath, 'origin');
    const tPath = childPath(lPath, 'target');
    const fromFlow = isFlowEnd(link.origin, flow);
    const toFlow = isFlowEnd(link.target, flow);
    let known = true;
    if (!fromFlow && !order.has(link.origin.actionId as string)) {
      c.error(childPath(oPath, 'actionId'), `'${link.origin.actionId}' names no action in this flow`);
      known = false;
    }
    if (!toFlow && !order.has(link.target.actionId as string)) {
      c.error(childPath(tPath, 'actionId'), `'${link.target.actionId}' names no action in this flow`);
      known = false;
    }
    if (known && !fromFlow && !toFlow) {
      const from = order.get(link.origin.actionId as string) as number;
      const to = order.get(link.target.actionId as string) as number;
      if (from >= to) {
        c.error(lPath, `links '${link.origin.actionId}' to '${link.target.actionId}', but actions run in order and the origin does not run before the target`);
      }
    }
    const [oRoot, oName] = splitFieldPath(link.origin.fieldPath);
    if (!(ORIGIN_ROOTS as readonly string[]).includes(oRoot)) {
      c.error(childPath(oPath, 'fieldPath'), `'${link.origin.fieldPath}' must start with parameters, requestBody or responses`);
    } else if (fromFlow && oRoot === 'responses') {
      c.error(childPath(oPath, 'fieldPath'), `'${link.origin.fieldPath}' reads the flow's responses, which do not exist before the flow runs`);
    } else if (fromFlow && oRoot === 'parameters' && oName !== undefined) {
      const name = link.origin.fieldPath.slice('parameters.'.length);
      if (!declared.has(name) && !declared.has(oName)) {
        c.warn(childPath(oPath, 'fieldPath'), `'${link.origin.fieldPath}' names no parameter declared in fields.parameters`);
      }
    }
    const [tRoot] = splitFieldPath(link.target.fieldPath);
    if (toFlow && tRoot !== 'responses') {
      c.warn(childPath(tPath, 'fieldPath'), `'${link.target.fieldPath}' targets the flow but not its responses; the link is ignored`);
    } else if (!toFlow && !(ACTION_TARGET_ROOTS as readonly string[]).includes(tRoot)) {
      c.error(childPath(tPath, 'fieldPath'), `'${link.target.fieldPath}' must start with parameters or requestBody`);
    }
  });
}

/**
 * Reads a value along dot-separated segments. Numeric segments index arrays; `name[3]` is also read as
 * `name`, `3`. Only own properties are followed, so `constructor` or `__proto__` read nothing.
 */
export function readPath(root: unknown, segments: readonly string[]): unknown {
  let node: unknown = root;
  for (const raw of segments) {
    if (node === undefined || node === null) return undefined;
    const bracket = /^([^[\]]+)\[(\d+)\]$/.exec(raw);
    const parts = bracket && !(isObject(node) && hasOwn(node, raw)) ? [bracket[1], bracket[2]] : [raw];
    for (const seg of parts) {
      if (Array.isArray(node)) {
        if (!/^\d+$/.test(seg)) return undefined;
        node = node[Number(seg)];
      } else if (isObject(node)) {
        node = hasOwn(node, seg) ? node[seg] : undefined;
      } else return undefined;
    }
  }
  return node;
}

/** Deep-merges plain objects (the link semantics of the reference executor); other values replace. */
export function mergeValue(into: unknown, value: unknown): unknown {
  if (!isObject(into) || !isObject(value)) return value;
  const out: Record<string, unknown> = { ...into };
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    out[key] = hasOwn(out, key) ? mergeValue(out[key], value[key]) : value[key];
  }
  return out;
}

/**
 * Writes `value` at `segments` inside `root` (returned, possibly new), creating objects on the way,
 * or arrays where the next segment is a number. Refuses prototype-reaching keys.
 */
export function writePath(root: unknown, segments: readonly string[], value: unknown): unknown {
  if (segments.length === 0) return mergeValue(root, value);
  const [head, ...rest] = segments;
  if (FORBIDDEN_KEYS.has(head) || head === 'constructor' || head === 'prototype') return root;
  const index = /^\d+$/.test(head) ? Number(head) : -1;
  if (Array.isArray(root) && index >= 0 && index < 10_000) {
    const copy = [...root];
    copy[index] = writePath(copy[index], rest, value);
    return copy;
  }
  const base: Record<string, unknown> = isObject(root) ? { ...root } : {};
  if (!isObject(root) && index >= 0 && index < 10_000) {
    const arr: unknown[] = [];
    arr[index] = writePath(undefined, rest, value);
    return arr;
  }
  base[head] = writePath(hasOwn(base, head) ? base[head] : undefined, rest, value);
  return base;
}
