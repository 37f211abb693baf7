// Eclipse LMOS agent and tool descriptions: W3C WoT Thing Descriptions (TD 1.1) with `lmos:` terms
// (mcp-lmos.md §2.1). Plain WoT Things are read too, and said to be such.
import { childPath, hasOwn, isObject, type JsonObject, type JsonValue } from '../agents-json/json';
import { documentLabel, EMPTY_SUMMARY, type ParsedDocument } from '../discovery/document';
import { DESCRIPTION_MAX, NAME_MAX, Reader, readJsonObject, typeList } from '../discovery/reader';

export const LMOS_NAMESPACE = 'https://eclipse.dev/lmos/protocol/v1';
export const LMOS_SUBPROTOCOL = 'lmosprotocol';

export interface TdForm {
  href: string;
  op: string[];
  contentType?: string;
  subprotocol?: string;
  method?: string;
}

export interface TdAffordance {
  name: string;
  title?: string;
  description?: string;
  forms: TdForm[];
  /** Actions: `safe` / `idempotent`; properties: `readOnly`. */
  safe?: boolean;
  idempotent?: boolean;
  synchronous?: boolean;
  readOnly?: boolean;
  writeOnly?: boolean;
  observable?: boolean;
  /** Data schemas as published (JSON, capped): action `input`/`output`, event `data`, the property itself. */
  input?: JsonValue;
  output?: JsonValue;
  data?: JsonValue;
  schema?: JsonValue;
}

export interface ThingDescription {
  id: string | null;
  title: string;
  description?: string;
  /** `agent` for `lmos:Agent`, `tool` for `lmos:Tool`, null for a plain WoT Thing. */
  lmosType: 'agent' | 'tool' | null;
  types: string[];
  version: { instance?: string; model?: string } | null;
  vendor: { name?: string; url?: string } | null;
  /** Other `lmos:metadata` entries, flattened to text (`model.name`, `interaction.supportedLanguages`, …). */
  metadata: Record<string, string>;
  links: Array<{ href: string; rel?: string; type?: string }>;
  securityDefinitions: Array<{ name: string; scheme: string }>;
  security: string[];
  actions: TdAffordance[];
  properties: TdAffordance[];
  events: TdAffordance[];
  /** A form uses the LMOS WebSocket subprotocol. */
  lmosWebSocket: boolean;
}

export interface ThingDescriptionParse extends ParsedDocument {
  kind: 'lmos-thing-description';
  detail: ThingDescription | null;
}

const MAX_AFFORDANCES = 128;
const SCHEMA_MAX_CHARS = 20_000;
const SCHEMA_KEYS = ['type', 'title', 'description', 'properties', 'required', 'items', 'enum', 'const', 'default', 'minimum', 'maximum', 'minLength', 'maxLength', 'format', 'unit', 'oneOf', 'readOnly', 'writeOnly'];
const DEFAULT_OPS: Record<string, string[]> = { actions: ['invokeaction'], properties: ['readproperty'], events: ['subscribeevent'] };

/** True for a WoT TD: a TD context, or LMOS types, or a title with affordances that have forms. */
export function isThingDescription(root: JsonObject): boolean {
  const ctx = JSON.stringify(root['@context'] ?? '');
  if (/w3\.org\/20\d\d\/wot\/td/.test(ctx) || ctx.includes(LMOS_NAMESPACE)) return true;
  if (typeList(root['@type']).some((t) => /^lmos:(Agent|Tool)$/.test(t))) return true;
  return typeof root.title === 'string' && ['actions', 'properties', 'events'].some((k) => isObject(root[k]));
}

/** Reads `lmos:x` or plain `x` (both spellings are published). */
function lmos(obj: JsonObject, key: string): JsonValue | undefined {
  return hasOwn(obj, `lmos:${key}`) ? obj[`lmos:${key}`] : hasOwn(obj, key) ? obj[key] : undefined;
}

function flatten(value: JsonValue | undefined, prefix: string, out: Record<string, string>): void {
  if (Object.keys(out).length >= 32 || value === undefined || value === null) return;
  if (isObject(value)) for (const k of Object.keys(value).slice(0, 16)) flatten(value[k], `${prefix}${prefix ? '.' : ''}${k.replace(/^lmos:/, '')}`, out);
  else if (Array.isArray(value)) out[prefix] = value.filter((v) => typeof v !== 'object').slice(0, 16).map(String).join(', ').slice(0, 300);
  else out[prefix] = String(value).slice(0, 300);
}

function readForms(r: Reader, item: JsonObject, at: string, group: string, base: string): TdForm[] {
  const forms: TdForm[] = [];
  for (const [f, fAt] of r.items(r.list(item, 'forms', at, 'warning') ?? [], childPath(at, 'forms'), 16)) {
    const rawHref = r.text(f, 'href', fAt, 'warning', 2000);
    if (!rawHref) continue;
    let href: string;
    try {
      href = new URL(rawHref, base).href;
    } catch {
      r.warn(childPath(fAt, 'href'), `${JSON.stringify(rawHref.slice(0, 200))} is not a URL; skipped`);
      continue;
    }
    const scheme = new URL(href).protocol;
    const loopback = /^(localhost|127\.0\.0\.1|\[::1\])$/.test(new URL(href).hostname);
    if ((scheme === 'http:' || scheme === 'ws:') && !loopback) r.warn(childPath(fAt, 'href'), `uses ${scheme.slice(0, -1)}, not ${scheme === 'ws:' ? 'wss' : 'https'}; Emissary will not send anything over it`);
    else if (!['https:', 'wss:', 'http:', 'ws:'].includes(scheme)) r.warn(childPath(fAt, 'href'), `uses ${scheme.slice(0, -1)}, which a browser cannot reach`);
    const op = typeList(f.op);
    const contentType = r.text(f, 'contentType', fAt, 'optional', 100);
    const subprotocol = r.text(f, 'subprotocol', fAt, 'optional', 60);
    const method = r.text(f, 'htv:methodName', fAt, 'optional', 10);
    forms.push({ href, op: op.length ? op.slice(0, 8) : DEFAULT_OPS[group], ...(contentType ? { contentType } : {}), ...(subprotocol ? { subprotocol } : {}), ...(method ? { method } : {}) });
  }
  return forms;
}

function keepSchema(r: Reader, a: TdAffordance, key: 'input' | 'output' | 'data' | 'schema', value: JsonValue | undefined, at: string): void {
  if (value === undefined) return;
  if (JSON.stringify(value).length > SCHEMA_MAX_CHARS) {
    r.warn(childPath(at, key), `is larger than ${SCHEMA_MAX_CHARS / 1000} kB; Emissary shows no form for it`);
    return;
  }
  a[key] = value;
}

function readAffordances(r: Reader, root: JsonObject, group: 'actions' | 'properties' | 'events', base: string): TdAffordance[] {
  const map = r.obj(root, group, '', 'optional');
  if (!map) return [];
  const names = Object.keys(map);
  if (names.length > MAX_AFFORDANCES) r.warn(group, `has ${names.length} entries; only the first ${MAX_AFFORDANCES} are read`);
  const out: TdAffordance[] = [];
  for (const name of names.slice(0, MAX_AFFORDANCES)) {
    const at = childPath(group, name);
    const item = map[name];
    if (!isObject(item)) {
      r.warn(at, 'must be an object; skipped');
      continue;
    }
    const title = r.text(item, 'title', at, 'optional', NAME_MAX);
    const description = r.text(item, 'description', at, 'optional', DESCRIPTION_MAX);
    const forms = readForms(r, item, at, group, base);
    const a: TdAffordance = { name: name.slice(0, 128), ...(title ? { title } : {}), ...(description ? { description } : {}), forms };
    if (group === 'actions') {
      Object.assign(a, { safe: r.bool(item, 'safe', at), idempotent: r.bool(item, 'idempotent', at) });
      if (typeof item.synchronous === 'boolean') a.synchronous = item.synchronous;
      keepSchema(r, a, 'input', item.input, at);
      keepSchema(r, a, 'output', item.output, at);
    }
    if (group === 'events') keepSchema(r, a, 'data', item.data, at);
    if (group === 'properties') {
      a.readOnly = r.bool(item, 'readOnly', at);
      if (item.writeOnly === true) a.writeOnly = true;
      if (item.observable === true) a.observable = true;
      // A property is its own data schema (TD 1.1 §5.3.2.1): keep only the schema terms.
      const schema: JsonObject = {};
      for (const k of SCHEMA_KEYS) if (hasOwn(item, k)) schema[k] = item[k];
      keepSchema(r, a, 'schema', schema, at);
    }
    out.push(a);
  }
  return out;
}

export function readThingDescription(root: JsonValue, url: string, label = documentLabel(url)): ThingDescriptionParse {
  const r = new Reader(label, url);
  if (!isObject(root)) {
    r.error('', 'must be a JSON object (a directory listing of several Things is not read here)');
    return { kind: 'lmos-thing-description', summary: EMPTY_SUMMARY, problems: r.problems, detail: null };
  }
  const types = typeList(root['@type']).slice(0, 8);
  const lmosType = types.includes('lmos:Agent') ? 'agent' : types.includes('lmos:Tool') ? 'tool' : null;
  if (!lmosType) r.warn('@type', "is neither 'lmos:Agent' nor 'lmos:Tool': read as a plain WoT Thing");
  if (!/w3\.org\/20\d\d\/wot\/td/.test(JSON.stringify(root['@context'] ?? ''))) r.warn('@context', 'does not name the WoT TD context (https://www.w3.org/2022/wot/td/v1.1)');
  const title = r.text(root, 'title', '', 'error', NAME_MAX);
  let base = url;
  if (typeof root.base === 'string') {
    try {
      base = new URL(root.base, url).href;
    } catch {
      r.warn('base', 'is not a URL; ignored');
    }
  }
  const meta = isObject(lmos(root, 'metadata')) ? (lmos(root, 'metadata') as JsonObject) : {};
  const vendorRaw = lmos(meta, 'vendor');
  const vendor = isObject(vendorRaw) ? { name: typeof lmos(vendorRaw, 'name') === 'string' ? String(lmos(vendorRaw, 'name')).slice(0, NAME_MAX) : undefined, url: typeof lmos(vendorRaw, 'url') === 'string' ? String(lmos(vendorRaw, 'url')).slice(0, 2000) : undefined } : null;
  const metadata: Record<string, string> = {};
  for (const k of Object.keys(meta)) if (k.replace(/^lmos:/, '') !== 'vendor') flatten(meta[k], k.replace(/^lmos:/, ''), metadata);
  const versionRaw = r.obj(root, 'version', '', 'optional');
  const version = versionRaw ? { instance: r.text(versionRaw, 'instance', 'version', 'optional', 60), model: r.text(versionRaw, 'model', 'version', 'optional', 60) } : null;
  const links: ThingDescription['links'] = [];
  for (const [l, at] of r.items(r.list(root, 'links', '', 'optional') ?? [], 'links', 32)) {
    const href = typeof l.href === 'string' ? r.checkUrl(l.href.slice(0, 2000), childPath(at, 'href'), 'warning') : undefined;
    if (href) links.push({ href, ...(typeof l.rel === 'string' ? { rel: l.rel.slice(0, 60) } : {}), ...(typeof l.type === 'string' ? { type: l.type.slice(0, 100) } : {}) });
  }
  const defs = r.obj(root, 'securityDefinitions', '', 'warning') ?? {};
  const securityDefinitions = Object.keys(defs).slice(0, 16).map((name) => ({ name: name.slice(0, 60), scheme: isObject(defs[name]) && typeof (defs[name] as JsonObject).scheme === 'string' ? String((defs[name] as JsonObject).scheme).slice(0, 40) : 'unknown' }));
  const security = typeList(root.security);
  if (security.length === 0) r.missing('security', 'warning');
  for (const s of security) if (!hasOwn(defs, s)) r.warn('security', `names '${s.slice(0, 60)}', which securityDefinitions does not define`);
  const actions = readAffordances(r, root, 'actions', base);
  const properties = readAffordances(r, root, 'properties', base);
  const events = readAffordances(r, root, 'events', base);
  if (lmosType === 'agent' && actions.length === 0) r.warn('actions', 'is empty: an LMOS agent offers at least one action (e.g. chat)');
  const all = [...actions, ...properties, ...events];
  const description = r.text(root, 'description', '', 'optional', DESCRIPTION_MAX);
  const id = typeof root.id === 'string' ? root.id.slice(0, 300) : null;
  const detail: ThingDescription = {
    id, title: title ?? '', ...(description ? { description } : {}), lmosType, types, version, vendor, metadata, links,
    securityDefinitions, security, actions, properties, events,
    lmosWebSocket: all.some((a) => a.forms.some((f) => f.subprotocol === LMOS_SUBPROTOCOL)),
  };
  return {
    kind: 'lmos-thing-description',
    summary: {
      ...(title ? { name: title } : {}), ...(description ? { description } : {}), ...(version?.instance ? { version: version.instance } : {}),
      counts: { actions: actions.length, properties: properties.length, events: events.length },
      links: [...new Set(all.flatMap((a) => a.forms.map((f) => f.href)))].slice(0, 20),
    },
    problems: r.problems,
    detail: title === undefined ? null : detail,
  };
}

/** Parses a Thing Description fetched from `url` (e.g. `/.well-known/wot`). Never throws. */
export function parseThingDescription(text: string, url: string): ThingDescriptionParse {
  const label = documentLabel(url);
  const { root, problems } = readJsonObject(text, label);
  if (!root) return { kind: 'lmos-thing-description', summary: EMPTY_SUMMARY, problems, detail: null };
  const parsed = readThingDescription(root, url, label);
  return { ...parsed, problems: [...problems, ...parsed.problems] };
}
