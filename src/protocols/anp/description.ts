// ANP Agent Description (ANP-07 v1.1 `ad.json`, plain JSON) and the older JSON-LD shape
// (`@type: ad:AgentDescription`, `ad:interfaces`, …) that deployed agents still serve (anp-agora.md §3).
import { childPath, hasOwn, isObject, type JsonObject, type JsonValue } from '../agents-json/json';
import { documentLabel, EMPTY_SUMMARY, type ParsedDocument } from '../discovery/document';
import { aliasKey, DESCRIPTION_MAX, NAME_MAX, Reader, readJsonObject, typeList } from '../discovery/reader';
import { isOpenRpc, readOpenRpc } from './openrpc';

export type AnpInterfaceKind = 'natural-language' | 'structured' | 'meta-protocol';

export interface AnpInterface {
  kind: AnpInterfaceKind;
  /** The interface's own id (ANP-06 refers to interfaces by it), when it has one. */
  id?: string;
  /** As written, without the `ad:` prefix: `NaturalLanguageInterface`, `StructuredInterface`, `SearchInterface`, … */
  type: string;
  /** `YAML`, `openrpc`, `MCP`, `WebRTC`, … as written. */
  protocol: string | null;
  version: string | null;
  url: string | null;
  /** The interface document is embedded as `content` (OpenRPC) instead of linked. */
  inline: boolean;
  description?: string;
  /** Calls through this interface need the human's approval (purchases and the like). */
  humanAuthorization: boolean;
  /** Method names of an embedded OpenRPC document, or of a meta-protocol interface. */
  methods: string[];
}

export interface AnpAgentDescription {
  shape: 'anp-1.x' | 'json-ld';
  protocolVersion: string | null;
  /** The description's own `url` / `@id`, as written. */
  url: string | null;
  name: string;
  did: string | null;
  owner: { name?: string; url?: string } | null;
  description?: string;
  version?: string;
  created?: string;
  securityDefinitions: Array<{ name: string; scheme?: string; in?: string; parameterName?: string }>;
  security: string | null;
  informations: Array<{ type?: string; description?: string; url?: string }>;
  interfaces: AnpInterface[];
  /** Some interface asks for human authorization. */
  humanAuthorization: boolean;
  proof: { type: string; verificationMethod?: string; proofPurpose?: string; created?: string; domain?: string; challenge?: string } | null;
  signed: boolean;
  /** Always false for now: the proof is read, not verified. */
  proofVerified: false;
}

export interface AnpDescriptionParse extends ParsedDocument {
  kind: 'anp-agent-description';
  signed: boolean;
  detail: AnpAgentDescription | null;
}

const MAX_INTERFACES = 32;
const IN_VALUES = ['header', 'query', 'body', 'cookie', 'uri', 'auto'];

const bare = (t: string) => t.replace(/^ad:/, '');

export function isAgentDescription(root: JsonObject): boolean {
  return root.protocolType === 'ANP' || typeList(root.type).includes('AgentDescription') || typeList(root['@type']).some((t) => bare(t) === 'AgentDescription');
}

function readInterface(r: Reader, item: JsonObject, at: string): AnpInterface | undefined {
  const typeKey = aliasKey(item, ['type', '@type']) ?? 'type';
  const type = bare(typeList(item[typeKey])[0] ?? '').slice(0, 80);
  if (!type) r.warn(childPath(at, typeKey), 'is missing; read as a structured interface');
  const kind: AnpInterfaceKind = /^NaturalLanguage/.test(type) ? 'natural-language' : /^MetaProtocol/.test(type) ? 'meta-protocol' : 'structured';
  const protocol = r.text(item, 'protocol', at, kind === 'meta-protocol' ? 'optional' : 'warning', 40) ?? (typeof item.binding === 'string' ? item.binding.slice(0, 40) : null);
  const content = item.content;
  const inline = content !== undefined && content !== null;
  const url = typeof item.url === 'string' ? (r.url(item, 'url', at, 'warning') ?? null) : null;
  if (!inline && !hasOwn(item, 'url')) r.warn(at, "has neither a 'url' nor an embedded 'content'; nothing to call");
  let methods: string[] = [];
  if (isOpenRpc(content)) methods = readOpenRpc(r, content, childPath(at, 'content')).methods.map((m) => m.name);
  else if (kind === 'meta-protocol') methods = r.strings(item, 'methods', at, 'optional', 16, 80);
  else if (inline && !isObject(content) && typeof content !== 'string') r.warn(childPath(at, 'content'), 'is neither a document nor text; ignored');
  const description = r.text(item, 'description', at, 'optional', DESCRIPTION_MAX);
  const id = typeof item.id === 'string' ? item.id.slice(0, 120) : undefined;
  return {
    ...(id ? { id } : {}), kind, type: type || 'StructuredInterface', protocol, version: r.text(item, 'version', at, 'optional', 20) ?? null,
    url, inline, ...(description ? { description } : {}), humanAuthorization: r.bool(item, 'humanAuthorization', at), methods,
  };
}

function readProof(r: Reader, root: JsonObject, fetchedFrom: string): AnpAgentDescription['proof'] {
  const proof = r.obj(root, 'proof', '', 'optional');
  if (!proof) return null;
  const text = (k: string) => r.text(proof, k, 'proof', 'optional', 200);
  const out = {
    type: text('type') ?? 'unknown',
    ...Object.fromEntries(['verificationMethod', 'proofPurpose', 'created', 'domain', 'challenge'].map((k) => [k, text(k)]).filter(([, v]) => v !== undefined)),
  } as NonNullable<AnpAgentDescription['proof']>;
  if (typeof proof.proofValue !== 'string') r.warn('proof.proofValue', 'is missing, so the proof cannot be checked');
  if (out.domain) {
    let host: string | null = null;
    try {
      const u = new URL(fetchedFrom);
      if (u.protocol === 'https:' || u.protocol === 'http:') host = u.host;
    } catch {
      host = null;
    }
    if (host !== null && out.domain.toLowerCase() !== host.toLowerCase()) r.error('proof.domain', `'${out.domain}' is not ${host}, where this description came from: the proof was made for another site`);
    if (!out.challenge) r.warn('proof.challenge', 'is missing; ANP-07 requires it when a domain is given');
  }
  return out;
}

export function readAnpAgentDescription(root: JsonValue, url: string, label = documentLabel(url)): AnpDescriptionParse {
  const r = new Reader(label, url);
  if (!isObject(root)) {
    r.error('', 'must be a JSON object');
    return { kind: 'anp-agent-description', summary: EMPTY_SUMMARY, problems: r.problems, signed: false, detail: null };
  }
  const shape: AnpAgentDescription['shape'] = root.protocolType === 'ANP' || typeList(root.type).includes('AgentDescription') ? 'anp-1.x' : 'json-ld';
  if (shape === 'anp-1.x') {
    if (root.protocolType !== 'ANP') r.warn('protocolType', "is not 'ANP'");
    if (typeof root.protocolVersion !== 'string') r.missing('protocolVersion', 'warning');
    else if (!/^1\./.test(root.protocolVersion)) r.warn('protocolVersion', `'${root.protocolVersion.slice(0, 20)}' is not an ANP version Emissary knows (1.x); read as 1.0`);
  }
  const name = r.text(root, 'name', '', 'error', NAME_MAX);
  const did = r.text(root, 'did', '', 'optional', 500) ?? null;
  if (did && !did.startsWith('did:')) r.warn('did', `'${did.slice(0, 60)}' is not a DID`);
  const ownerRaw = r.obj(root, 'owner', '', 'optional');
  const owner = ownerRaw ? { name: r.text(ownerRaw, 'name', 'owner', 'optional', NAME_MAX), url: typeof (ownerRaw.url ?? ownerRaw['@id']) === 'string' ? String(ownerRaw.url ?? ownerRaw['@id']).slice(0, 2000) : undefined } : null;
  const defsKey = aliasKey(root, ['securityDefinitions', 'ad:securityDefinitions']) ?? 'securityDefinitions';
  const defsRaw = r.obj(root, defsKey, '', shape === 'anp-1.x' ? 'warning' : 'optional') ?? {};
  const securityDefinitions = Object.keys(defsRaw).slice(0, 16).filter((k) => isObject(defsRaw[k])).map((k) => {
    const d = defsRaw[k] as JsonObject;
    const where = r.text(d, 'in', childPath(defsKey, k), 'optional', 20);
    if (where && !IN_VALUES.includes(where)) r.warn(childPath(childPath(defsKey, k), 'in'), `'${where}' is not one of ${IN_VALUES.join(', ')}`);
    return { name: k.slice(0, 60), scheme: r.text(d, 'scheme', childPath(defsKey, k), 'warning', 40), in: where, parameterName: r.text(d, 'name', childPath(defsKey, k), 'optional', 100) };
  });
  const securityKey = aliasKey(root, ['security', 'ad:security']) ?? 'security';
  const security = r.text(root, securityKey, '', shape === 'anp-1.x' ? 'warning' : 'optional', 60) ?? null;
  if (security && !securityDefinitions.some((d) => d.name === security)) r.warn(securityKey, `names '${security}', which ${defsKey} does not define`);
  const infoKey = aliasKey(root, ['Infomations', 'Informations', 'informations', 'products', 'ad:products']);
  const informations: AnpAgentDescription['informations'] = [];
  for (const [item, at] of r.items(infoKey ? (r.list(root, infoKey, '', 'optional') ?? []) : [], infoKey ?? 'Infomations', 64)) {
    const type = typeList(item.type ?? item['@type'])[0];
    const description = r.text(item, 'description', at, 'optional', DESCRIPTION_MAX);
    const link = typeof item.url === 'string' ? r.url(item, 'url', at, 'optional') : undefined;
    informations.push({ ...(type ? { type: type.slice(0, 60) } : {}), ...(description ? { description } : {}), ...(link ? { url: link } : {}) });
  }
  const ifKey = aliasKey(root, ['interfaces', 'ad:interfaces']) ?? 'interfaces';
  const interfaces: AnpInterface[] = [];
  for (const [item, at] of r.items(r.list(root, ifKey, '', 'optional') ?? [], ifKey, MAX_INTERFACES)) {
    const iface = readInterface(r, item, at);
    if (iface) interfaces.push(iface);
  }
  if (interfaces.length === 0) r.warn(ifKey, 'declares no interface, so there is no way to talk to this agent');
  const proof = readProof(r, root, url);
  const description = r.text(root, 'description', '', 'optional', DESCRIPTION_MAX);
  const version = r.text(root, 'version', '', 'optional', 60);
  const created = r.text(root, 'created', '', 'optional', 40);
  const selfUrl = typeof (root.url ?? root['@id']) === 'string' ? String(root.url ?? root['@id']).slice(0, 2000) : null;
  const protocolVersion = typeof root.protocolVersion === 'string' ? root.protocolVersion.slice(0, 20) : null;
  const detail: AnpAgentDescription = {
    shape, protocolVersion, url: selfUrl, name: name ?? '', did, owner,
    ...(description ? { description } : {}), ...(version ? { version } : {}), ...(created ? { created } : {}),
    securityDefinitions, security, informations, interfaces,
    humanAuthorization: interfaces.some((i) => i.humanAuthorization),
    proof, signed: proof !== null, proofVerified: false,
  };
  const shownVersion = version ?? protocolVersion ?? undefined;
  return {
    kind: 'anp-agent-description',
    summary: {
      ...(name ? { name } : {}), ...(description ? { description } : {}), ...(shownVersion ? { version: shownVersion } : {}),
      counts: { interfaces: interfaces.length, informations: informations.length },
      links: interfaces.map((i) => i.url).filter((u): u is string => u !== null).slice(0, 20),
    },
    problems: r.problems,
    signed: proof !== null,
    detail: name === undefined ? null : detail,
  };
}

/** Parses an agent description (ad.json) fetched from `url`. Never throws. */
export function parseAnpAgentDescription(text: string, url: string): AnpDescriptionParse {
  const label = documentLabel(url);
  const { root, problems } = readJsonObject(text, label);
  if (!root) return { kind: 'anp-agent-description', summary: EMPTY_SUMMARY, problems, signed: false, detail: null };
  const parsed = readAnpAgentDescription(root, url, label);
  return { ...parsed, problems: [...problems, ...parsed.problems] };
}
