// resolveOperations: parse each source's OpenAPI text, apply overrides, and map every action of
// every flow to its operation.
import { childPath, isObject, type JsonObject, type JsonValue, type Problem } from './json';
import { parseOpenApi, resolveOperation, sourceOrigin, type OpenApiDoc, type ResolvedOperation } from './openapi';
import { planLinks, type ResolvedActions } from './plan';
import type { AgentsJsonDoc, AgentsJsonOverride } from './types';
import { Checker } from './validate';

export interface ResolvedSource {
  id: string;
  /** Where the OpenAPI document came from (the agents.json `path`, resolved). */
  url: string | null;
  api: OpenApiDoc | null;
  /**
   * The origin this source's requests go to: the origin of its first top-level server. Credentials given
   * for the source without an explicit origin are bound to it. Null when the OpenAPI gives no usable server.
   */
  origin: string | null;
}

export interface Resolution {
  sources: Map<string, ResolvedSource>;
  /** flowId → actionId → operation. Actions whose operation was not found are absent. */
  flows: Map<string, ResolvedActions>;
  problems: Problem[];
}

function overrideLabel(sourceId: string): string {
  return `OpenAPI '${sourceId}'`;
}

const UNSAFE_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);

/** Sets `value` at a dot path inside a copy of `operation` (the OpenAPI operation is the root). */
export function applyOverride(operation: JsonObject, fieldPath: string, value: JsonValue): JsonObject | string {
  const segments = fieldPath.split('.');
  if (segments.some((s) => s === '' || UNSAFE_SEGMENTS.has(s))) return `fieldPath '${fieldPath.slice(0, 120)}' is not a usable path`;
  const copy = structuredClone(operation);
  let node: JsonValue = copy;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    const last = i === segments.length - 1;
    if (Array.isArray(node)) {
      const index = /^\d+$/.test(seg) ? Number(seg) : -1;
      if (index < 0 || index >= node.length) return `fieldPath '${fieldPath.slice(0, 120)}' indexes past the end of an array`;
      if (last) node[index] = value;
      else node = node[index];
    } else if (isObject(node)) {
      if (last) node[seg] = value;
      else {
        if (!Object.prototype.hasOwnProperty.call(node, seg) || (typeof node[seg] !== 'object' || node[seg] === null)) node[seg] = {};
        node = node[seg];
      }
    } else return `fieldPath '${fieldPath.slice(0, 120)}' goes through a value that is not an object`;
  }
  return copy;
}

/**
 * `openapiTexts` maps a source id to the text of its OpenAPI document (JSON or YAML), fetched by the
 * caller from `source.url`. Every action gets its operation or a problem saying why not.
 */
export function resolveOperations(doc: AgentsJsonDoc, openapiTexts: Record<string, string>): Resolution {
  const c = new Checker('agents.json');
  const sources = new Map<string, ResolvedSource>();
  for (const source of doc.sources) {
    const text = Object.prototype.hasOwnProperty.call(openapiTexts, source.id) ? openapiTexts[source.id] : undefined;
    const documentUrl = source.url ?? doc.baseUrl;
    if (text === undefined) {
      c.error(source.at, `'${source.id}': its OpenAPI document was not provided`);
      sources.set(source.id, { id: source.id, url: source.url, api: null, origin: null });
      continue;
    }
    const parsed = parseOpenApi(text, overrideLabel(source.id));
    c.problems.push(...parsed.problems);
    const api = parsed.ok ? parsed.doc : null;
    const origin = api ? sourceOrigin(api, documentUrl) : null;
    if (api && !origin) c.warn(source.at, `'${source.id}': its OpenAPI declares no usable server URL`);
    sources.set(source.id, { id: source.id, url: source.url, api, origin });
  }

  const overrides = new Map<string, AgentsJsonOverride[]>();
  doc.overrides.forEach((o, i) => {
    const api = sources.get(o.sourceId)?.api;
    if (api && !api.operations.has(o.operationId)) {
      c.error(childPath(childPath('overrides', i), 'operationId'), `'${o.operationId}' is not an operation of source '${o.sourceId}'`);
    }
    const key = `${o.sourceId}\u0000${o.operationId}`;
    overrides.set(key, [...(overrides.get(key) ?? []), o]);
  });

  const cache = new Map<string, ResolvedOperation | null>();
  const resolveOne = (sourceId: string, operationId: string): ResolvedOperation | null => {
    const key = `${sourceId}\u0000${operationId}`;
    if (cache.has(key)) return cache.get(key) ?? null;
    const source = sources.get(sourceId);
    let result: ResolvedOperation | null = null;
    if (source?.api?.operations.has(operationId)) {
      const oc = new Checker(overrideLabel(sourceId));
      const loc = source.api.operations.get(operationId);
      const paths = source.api.root.paths;
      const item = isObject(paths) && loc ? paths[loc.path] : undefined;
      let op = isObject(item) && loc && isObject(item[loc.method.toLowerCase()]) ? (item[loc.method.toLowerCase()] as JsonObject) : undefined;
      for (const o of overrides.get(key) ?? []) {
        if (!op) break;
        const next = applyOverride(op, o.fieldPath, o.value);
        if (typeof next === 'string') oc.error(`overrides for '${operationId}'`, next);
        else op = next;
      }
      result = resolveOperation(oc, source.api, sourceId, operationId, source.url ?? doc.baseUrl, op) ?? null;
      c.problems.push(...oc.problems);
    }
    cache.set(key, result);
    return result;
  };

  const flows = new Map<string, ResolvedActions>();
  for (const flow of doc.flows) {
    const actions: ResolvedActions = new Map();
    flow.actions.forEach((action, i) => {
      const at = childPath(childPath(flow.at, 'actions'), i);
      const source = sources.get(action.sourceId);
      if (!source || !source.api) return; // reported at parse time or above
      const op = resolveOne(action.sourceId, action.operationId);
      if (!op) {
        const n = source.api.operations.size;
        c.error(childPath(at, 'operationId'), `'${action.operationId}' is not an operation of source '${action.sourceId}' (its OpenAPI has ${n} operation${n === 1 ? '' : 's'} with an operationId)`);
        return;
      }
      actions.set(action.id, op);
    });
    flows.set(flow.id, actions);
    planLinks(c, flow, actions);
  }
  return { sources, flows, problems: c.problems };
}
