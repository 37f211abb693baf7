// parseAgentsJson: read, validate and cross-check a Wildcard agents.json document.
import { detectForeignDialect } from './dialects';
import { childPath, describeType, hasOwn, isObject, MIB, parseJsonText, problem, type JsonObject, type JsonValue } from './json';
import type {
  AgentsJsonDoc, AgentsJsonOverride, AgentsJsonSource, Flow, FlowAction, FlowFields, FlowLink, FlowParameter,
  FlowRequestBody, LinkEnd, ParseAgentsJsonResult,
} from './types';
import { Checker } from './validate';
import { checkLinks } from './links';

export const AGENTS_JSON_LABEL = 'agents.json';
export const AGENTS_JSON_MAX_BYTES = MIB;
export const AGENTS_JSON_LIMITS = { maxBytes: AGENTS_JSON_MAX_BYTES, maxDepth: 64, maxNodes: 200_000 };
const JSON_SCHEMA_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object', 'null']);

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]' || hostname.endsWith('.localhost');
}

/** Resolves a URL found in a document; only https (or http to a loopback host) without userinfo is fetchable. */
export function resolveFetchableUrl(ref: string, baseUrl: string): { url: string } | { reason: string } {
  let url: URL;
  try {
    url = new URL(ref, baseUrl);
  } catch {
    return { reason: 'cannot be resolved to a URL' };
  }
  if (url.username || url.password) return { reason: 'must not carry a user name or password' };
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname))) return { url: url.href };
  return { reason: `is not an https URL (${url.protocol.replace(/:$/, '')})` };
}

function readSource(c: Checker, obj: JsonObject, path: string, baseUrl: string): AgentsJsonSource | undefined {
  const id = c.id(obj, 'id', path);
  const srcPath = c.string(obj, 'path', path);
  const description = c.optionalString(obj, 'description', path);
  if (id === undefined || srcPath === undefined) return undefined;
  const resolved = resolveFetchableUrl(srcPath, baseUrl);
  if ('reason' in resolved) c.error(childPath(path, 'path'), `${JSON.stringify(srcPath.slice(0, 200))} ${resolved.reason}`);
  return { at: path, id, path: srcPath, url: 'url' in resolved ? resolved.url : null, ...(description !== undefined ? { description } : {}) };
}

function readLinkEnd(c: Checker, obj: JsonObject, key: string, path: string): LinkEnd | undefined {
  const end = c.object(obj, key, path);
  if (!end) return undefined;
  const at = childPath(path, key);
  let actionId: string | null = null;
  if (hasOwn(end, 'actionId') && end.actionId !== null) {
    if (typeof end.actionId !== 'string') {
      c.error(childPath(at, 'actionId'), `must be a string or null, found ${describeType(end.actionId)}`);
      return undefined;
    }
    actionId = end.actionId;
  }
  const fieldPath = c.string(end, 'fieldPath', at);
  for (const extra of Object.keys(end)) {
    if (extra !== 'actionId' && extra !== 'fieldPath') c.warn(childPath(at, extra), 'is not an agents.json link field; ignored');
  }
  return fieldPath === undefined ? undefined : { actionId, fieldPath };
}

function readParameter(c: Checker, obj: JsonObject, path: string): FlowParameter | undefined {
  const name = c.string(obj, 'name', path);
  if (name === undefined) return undefined;
  const param: FlowParameter = { name, required: c.boolean(obj, 'required', path, false) };
  const description = c.optionalString(obj, 'description', path);
  if (description !== undefined) param.description = description;
  const type = c.optionalString(obj, 'type', path);
  if (type !== undefined) {
    if (!JSON_SCHEMA_TYPES.has(type)) c.warn(childPath(path, 'type'), `'${type.slice(0, 40)}' is not a JSON Schema type; treated as string`);
    param.type = type;
  }
  const enumValues = c.array(obj, 'enum', path, false);
  if (enumValues) param.enum = enumValues;
  if (hasOwn(obj, 'default')) param.default = obj.default;
  const items = c.object(obj, 'items', path, false);
  if (items) param.items = items;
  return param;
}

function readRequestBody(c: Checker, obj: JsonObject, path: string): FlowRequestBody | undefined {
  const body = c.object(obj, 'requestBody', path, false);
  if (!body) return undefined;
  const at = childPath(path, 'requestBody');
  const content: FlowRequestBody['content'] = {};
  const raw = c.object(body, 'content', at, false) ?? {};
  for (const mime of Object.keys(raw)) {
    const media = raw[mime];
    const mediaPath = childPath(childPath(at, 'content'), mime);
    if (!isObject(media)) {
      c.error(mediaPath, `must be an object, found ${describeType(media)}`);
      continue;
    }
    const schema = c.object(media, 'schema', mediaPath, false);
    content[mime] = { ...(schema ? { schema } : {}), ...(hasOwn(media, 'example') ? { example: media.example } : {}) };
  }
  return { content, required: c.boolean(body, 'required', at, false) };
}

function readFields(c: Checker, obj: JsonObject, path: string): FlowFields | undefined {
  const fields = c.object(obj, 'fields', path);
  if (!fields) return undefined;
  const at = childPath(path, 'fields');
  const parameters: FlowParameter[] = [];
  if (!hasOwn(fields, 'parameters')) c.warn(childPath(at, 'parameters'), 'is required by the schema but missing; treated as empty');
  const rawParams = c.array(fields, 'parameters', at, false) ?? [];
  const names = new Map<string, string>();
  for (const [p, , pPath] of c.objects(rawParams, childPath(at, 'parameters'))) {
    const param = readParameter(c, p, pPath);
    if (!param) continue;
    if (names.has(param.name)) c.warn(childPath(pPath, 'name'), `'${param.name}' duplicates ${names.get(param.name)}; the first wins`);
    else {
      names.set(param.name, childPath(pPath, 'name'));
      parameters.push(param);
    }
  }
  const requestBody = readRequestBody(c, fields, at);
  let success: JsonObject = {};
  let example: JsonValue | undefined;
  const responses = c.object(fields, 'responses', at, false);
  if (!responses) c.warn(childPath(at, 'responses'), 'is required by the schema but missing');
  else {
    const s = c.object(responses, 'success', childPath(at, 'responses'), false);
    if (!s) c.warn(childPath(at, 'responses.success'), 'is required by the schema but missing');
    success = s ?? {};
    if (hasOwn(responses, 'example')) example = responses.example;
  }
  return {
    parameters,
    ...(requestBody ? { requestBody } : {}),
    responses: { success, ...(example !== undefined ? { example } : {}) },
  };
}

function readFlow(c: Checker, obj: JsonObject, path: string): Flow | undefined {
  const before = c.errorCount;
  const id = c.id(obj, 'id', path);
  const title = c.string(obj, 'title', path);
  const description = c.string(obj, 'description', path);
  const actions: FlowAction[] = [];
  for (const [a, , aPath] of c.objects(c.array(obj, 'actions', path) ?? [], childPath(path, 'actions'))) {
    const actionId = c.id(a, 'id', aPath);
    const sourceId = c.id(a, 'sourceId', aPath);
    const operationId = c.id(a, 'operationId', aPath);
    if (actionId !== undefined && sourceId !== undefined && operationId !== undefined) actions.push({ id: actionId, sourceId, operationId });
  }
  const links: FlowLink[] = [];
  for (const [l, , lPath] of c.objects(c.array(obj, 'links', path, false) ?? [], childPath(path, 'links'))) {
    const origin = readLinkEnd(c, l, 'origin', lPath);
    const target = readLinkEnd(c, l, 'target', lPath);
    if (origin && target) links.push({ origin, target });
  }
  const fields = readFields(c, obj, path);
  if (c.errorCount > before || id === undefined || title === undefined || description === undefined || !fields) {
    c.error(path, 'was skipped because of the errors above');
    return undefined;
  }
  return { at: path, id, title, description, actions, links, fields };
}

function readOverride(c: Checker, obj: JsonObject, path: string): AgentsJsonOverride | undefined {
  const sourceId = c.id(obj, 'sourceId', path);
  const operationId = c.id(obj, 'operationId', path);
  const fieldPath = c.string(obj, 'fieldPath', path);
  if (!hasOwn(obj, 'value')) c.error(childPath(path, 'value'), 'is required but missing');
  if (sourceId === undefined || operationId === undefined || fieldPath === undefined || !hasOwn(obj, 'value')) return undefined;
  return { sourceId, operationId, fieldPath, value: obj.value };
}

/**
 * Parses the text of an agents.json fetched from `baseUrl`. Other dialects published under the same
 * name come back as `{ ok: false, kind, summary }` with no problems: they are not broken, only not runnable.
 */
export function parseAgentsJson(text: string, baseUrl: string): ParseAgentsJsonResult {
  const label = AGENTS_JSON_LABEL;
  const tree = parseJsonText(text, label, AGENTS_JSON_LIMITS);
  if (!tree.ok) return { ok: false, kind: 'unknown', problems: tree.problems };
  const root = tree.value;
  if (!isObject(root)) {
    return { ok: false, kind: 'unknown', problems: [...tree.problems, problem('error', label, '', `must be a JSON object, found ${describeType(root)}`)] };
  }
  if (!hasOwn(root, 'agentsJson')) {
    const foreign = detectForeignDialect(root);
    if (foreign) return { ok: false, kind: foreign.kind, summary: foreign.summary, problems: tree.problems };
    const text = "is not an agents.json document: it has no 'agentsJson' version and matches no known agents.json dialect";
    return { ok: false, kind: 'unknown', problems: [...tree.problems, problem('error', label, '', text)] };
  }
  const c = new Checker(label);
  c.problems.push(...tree.problems);
  const version = c.string(root, 'agentsJson', '') ?? '';
  if (version && !/^0\.1(\.|$)/.test(version)) c.warn('agentsJson', `'${version.slice(0, 40)}' is not a version Emissary knows (0.1.x); read as 0.1`);
  const info = c.object(root, 'info', '') ?? {};
  const sourcesRaw = c.array(root, 'sources', '');
  const flowsRaw = c.array(root, 'flows', '');
  if (!sourcesRaw || !flowsRaw) return { ok: false, kind: 'wildcard-agents-json', problems: c.problems };

  const sources: AgentsJsonSource[] = [];
  const sourceIds = new Map<string, string>();
  for (const [s, , sPath] of c.objects(sourcesRaw, 'sources')) {
    const source = readSource(c, s, sPath, baseUrl);
    if (source && c.unique(sourceIds, source.id, childPath(sPath, 'id'), 'source')) sources.push(source);
  }
  const overrides: AgentsJsonOverride[] = [];
  for (const [o, , oPath] of c.objects(c.array(root, 'overrides', '', false) ?? [], 'overrides')) {
    const override = readOverride(c, o, oPath);
    if (!override) continue;
    if (!sourceIds.has(override.sourceId)) c.error(childPath(oPath, 'sourceId'), `'${override.sourceId}' names no source`);
    else overrides.push(override);
  }
  const flows: Flow[] = [];
  const flowIds = new Map<string, string>();
  for (const [f, , fPath] of c.objects(flowsRaw, 'flows')) {
    const flow = readFlow(c, f, fPath);
    if (!flow || !c.unique(flowIds, flow.id, childPath(fPath, 'id'), 'flow')) continue;
    checkFlowReferences(c, flow, fPath, sourceIds);
    flows.push(flow);
  }
  if (flows.length === 0 && flowsRaw.length === 0) c.warn('flows', 'is empty: this agents.json declares nothing to run');
  const doc: AgentsJsonDoc = {
    agentsJson: version,
    info: {
      title: c.string(info, 'title', 'info') ?? '',
      version: c.string(info, 'version', 'info') ?? '',
      description: c.string(info, 'description', 'info') ?? '',
    },
    sources, overrides, flows, baseUrl,
  };
  return { ok: true, kind: 'wildcard-agents-json', doc, problems: c.problems };
}

function checkFlowReferences(c: Checker, flow: Flow, path: string, sourceIds: Map<string, string>): void {
  const actionIds = new Map<string, string>();
  flow.actions.forEach((action, i) => {
    const aPath = childPath(childPath(path, 'actions'), i);
    c.unique(actionIds, action.id, childPath(aPath, 'id'), 'action');
    if (action.id === flow.id) c.error(childPath(aPath, 'id'), `'${action.id}' is also the flow's id, so links to it are ambiguous`);
    if (!sourceIds.has(action.sourceId)) c.error(childPath(aPath, 'sourceId'), `'${action.sourceId}' names no source`);
  });
  if (flow.actions.length === 0) c.warn(childPath(path, 'actions'), 'is empty: the flow does nothing');
  checkLinks(c, flow, path);
}
