// A2A Agent Card: the v1.0 shape (`supportedInterfaces`, proto JSON security schemes) and the v0.1–v0.3
// shapes (`url` + `preferredTransport` + `additionalInterfaces`), normalised to one record
// (discovery.md §2; the legacy mapping follows a2a-python's parse_agent_card).
import { childPath, hasOwn, isObject, type JsonObject, type JsonValue } from '../agents-json/json';
import { documentLabel, EMPTY_SUMMARY, type ParsedDocument } from '../discovery/document';
import { DESCRIPTION_MAX, NAME_MAX, Reader, readJsonObject, unique } from '../discovery/reader';
import { readSecurityRequirements, readSecuritySchemes, readSignatures, type A2aSecurityRequirement, type A2aSecurityScheme, type A2aSignature } from './security';

export type A2aGeneration = '1.0' | '0.3' | '0.2' | '0.1';

export interface A2aInterface {
  url: string;
  /** `JSONRPC`, `GRPC`, `HTTP+JSON` or a custom binding. */
  binding: string;
  protocolVersion: string | null;
  tenant?: string;
}

export interface A2aSkill {
  id: string;
  name: string;
  description: string;
  tags: string[];
  examples: string[];
  inputModes: string[];
  outputModes: string[];
}

export interface A2aCapabilities {
  streaming: boolean;
  pushNotifications: boolean;
  extendedAgentCard: boolean;
  stateTransitionHistory: boolean;
  extensions: Array<{ uri: string; description?: string; required: boolean }>;
}

export interface A2aAgentCard {
  generation: A2aGeneration;
  name: string;
  description: string;
  version: string;
  protocolVersion: string | null;
  /** The first one is preferred. */
  interfaces: A2aInterface[];
  provider: { organization: string; url?: string } | null;
  documentationUrl?: string;
  iconUrl?: string;
  capabilities: A2aCapabilities;
  defaultInputModes: string[];
  defaultOutputModes: string[];
  skills: A2aSkill[];
  securitySchemes: A2aSecurityScheme[];
  /** Alternatives; empty means the card asks for no authentication. */
  securityRequirements: A2aSecurityRequirement[];
  signed: boolean;
  signatures: A2aSignature[];
  /** Always false for now: signatures are read, not verified (JCS + JWS verification comes later). */
  signatureVerified: false;
}

export interface A2aCardParse extends ParsedDocument {
  kind: 'a2a-agent-card';
  signed: boolean;
  detail: A2aAgentCard | null;
}

export const KNOWN_BINDINGS = ['JSONRPC', 'GRPC', 'HTTP+JSON'];
const MAX_SKILLS = 128;
const MAX_INTERFACES = 16;

function generationOf(card: JsonObject): A2aGeneration {
  if (card.supportedInterfaces !== undefined && card.supportedInterfaces !== null) return '1.0';
  const v = typeof card.protocolVersion === 'string' ? card.protocolVersion : '';
  if (/^0\.3(\.|$)/.test(v)) return '0.3';
  if (/^0\.2(\.|$)/.test(v) || typeof card.preferredTransport === 'string') return '0.2';
  if (v === '' && isObject(card.authentication)) return '0.1';
  return v.startsWith('1.') ? '1.0' : '0.2';
}

function readBinding(r: Reader, item: JsonObject, key: string, at: string, fallback: string | null): string {
  const raw = r.text(item, key, at, fallback ? 'optional' : 'warning', 40) ?? fallback ?? 'JSONRPC';
  if (!KNOWN_BINDINGS.includes(raw)) r.warn(childPath(at, key), `'${raw}' is a custom binding; Emissary speaks ${KNOWN_BINDINGS.join(', ')}`);
  return raw;
}

function readInterfaces(r: Reader, card: JsonObject, generation: A2aGeneration): A2aInterface[] {
  const out: A2aInterface[] = [];
  if (generation === '1.0') {
    for (const [item, at] of r.items(r.list(card, 'supportedInterfaces', '', 'error') ?? [], 'supportedInterfaces', MAX_INTERFACES)) {
      const url = r.url(item, 'url', at, 'warning');
      const binding = readBinding(r, item, 'protocolBinding', at, null);
      const protocolVersion = r.text(item, 'protocolVersion', at, 'warning', 20) ?? null;
      const tenant = r.text(item, 'tenant', at, 'optional', 200);
      if (url) out.push({ url, binding, protocolVersion, ...(tenant ? { tenant } : {}) });
    }
  } else {
    const protocolVersion = typeof card.protocolVersion === 'string' ? card.protocolVersion.slice(0, 20) : null;
    const url = r.url(card, 'url', '', 'error');
    if (url) out.push({ url, binding: readBinding(r, card, 'preferredTransport', '', 'JSONRPC'), protocolVersion });
    for (const [item, at] of r.items(r.list(card, 'additionalInterfaces', '', 'optional') ?? [], 'additionalInterfaces', MAX_INTERFACES)) {
      const extra = r.url(item, 'url', at, 'warning');
      if (extra) out.push({ url: extra, binding: readBinding(r, item, 'transport', at, null), protocolVersion });
    }
  }
  const usable = unique(out, (i) => `${i.binding} ${i.url}`);
  if (usable.length === 0) r.error(generation === '1.0' ? 'supportedInterfaces' : 'url', 'gives no endpoint Emissary can reach, so this agent cannot be contacted');
  return usable;
}

function readSkill(r: Reader, item: JsonObject, at: string): A2aSkill | undefined {
  const id = r.text(item, 'id', at, 'warning', 128);
  const name = r.text(item, 'name', at, 'warning', NAME_MAX);
  if (id === undefined && name === undefined) {
    r.warn(at, 'has neither an id nor a name; skipped');
    return undefined;
  }
  return {
    id: id ?? name ?? '',
    name: name ?? id ?? '',
    description: r.text(item, 'description', at, 'warning', DESCRIPTION_MAX) ?? '',
    tags: r.strings(item, 'tags', at, 'warning', 32, 60),
    examples: r.strings(item, 'examples', at, 'optional', 16, 500),
    inputModes: r.strings(item, 'inputModes', at, 'optional', 16, 100),
    outputModes: r.strings(item, 'outputModes', at, 'optional', 16, 100),
  };
}

function readCapabilities(r: Reader, card: JsonObject, generation: A2aGeneration): A2aCapabilities {
  const caps = r.obj(card, 'capabilities', '', 'warning') ?? {};
  const extensions: A2aCapabilities['extensions'] = [];
  for (const [ext, at] of r.items(r.list(caps, 'extensions', 'capabilities', 'optional') ?? [], 'capabilities.extensions', 32)) {
    const uri = r.text(ext, 'uri', at, 'warning', 500);
    const description = r.text(ext, 'description', at, 'optional');
    if (uri) extensions.push({ uri, ...(description ? { description } : {}), required: r.bool(ext, 'required', at) });
  }
  const legacyExtended = generation !== '1.0' && card.supportsAuthenticatedExtendedCard === true;
  return {
    streaming: r.bool(caps, 'streaming', 'capabilities'),
    pushNotifications: r.bool(caps, 'pushNotifications', 'capabilities'),
    extendedAgentCard: r.bool(caps, 'extendedAgentCard', 'capabilities') || legacyExtended,
    stateTransitionHistory: r.bool(caps, 'stateTransitionHistory', 'capabilities'),
    extensions,
  };
}

/** Reads an already-parsed card. `url` is where it came from (relative URLs resolve against it). */
export function readA2aAgentCard(root: JsonValue, url: string, label = documentLabel(url)): A2aCardParse {
  const r = new Reader(label, url);
  if (!isObject(root)) {
    r.error('', 'must be a JSON object');
    return { kind: 'a2a-agent-card', summary: EMPTY_SUMMARY, problems: r.problems, signed: false, detail: null };
  }
  const generation = generationOf(root);
  const name = r.text(root, 'name', '', 'error', NAME_MAX);
  const description = r.text(root, 'description', '', generation === '0.1' ? 'optional' : 'warning', DESCRIPTION_MAX) ?? '';
  const version = r.text(root, 'version', '', 'warning', 60) ?? '';
  const protocolVersion = generation === '1.0' ? null : (r.text(root, 'protocolVersion', '', generation === '0.3' ? 'warning' : 'optional', 20) ?? null);
  const interfaces = readInterfaces(r, root, generation);
  const providerRaw = r.obj(root, 'provider', '', 'optional');
  const organization = providerRaw ? r.text(providerRaw, 'organization', 'provider', 'warning', NAME_MAX) : undefined;
  const providerUrl = providerRaw ? r.url(providerRaw, 'url', 'provider', 'optional') : undefined;
  const skillsRaw = r.list(root, 'skills', '', 'warning') ?? [];
  const skills: A2aSkill[] = [];
  for (const [item, at] of r.items(skillsRaw, 'skills', MAX_SKILLS)) {
    const skill = readSkill(r, item, at);
    if (skill) skills.push(skill);
  }
  const ids = new Map<string, number>();
  skills.forEach((s, i) => {
    if (ids.has(s.id)) r.warn(childPath(childPath('skills', i), 'id'), `'${s.id}' is also the id of skills[${ids.get(s.id)}]`);
    else ids.set(s.id, i);
  });
  const securitySchemes = readSecuritySchemes(r, root);
  if (generation === '0.1' && isObject(root.authentication)) {
    const legacy = Array.isArray(root.authentication.schemes) ? root.authentication.schemes : [];
    for (const s of legacy.slice(0, 8)) if (typeof s === 'string') securitySchemes.push({ name: s.slice(0, 60), type: /bearer/i.test(s) ? 'http' : 'unknown', ...(/bearer/i.test(s) ? { scheme: 'bearer' } : {}) });
  }
  const signatures = readSignatures(r, root);
  const signed = hasOwn(root, 'signatures') && Array.isArray(root.signatures) && root.signatures.length > 0;
  const documentationUrl = r.url(root, 'documentationUrl', '', 'optional');
  const iconUrl = r.url(root, 'iconUrl', '', 'optional');
  const card: A2aAgentCard = {
    generation, name: name ?? '', description, version, protocolVersion, interfaces,
    provider: organization ? { organization, ...(providerUrl ? { url: providerUrl } : {}) } : null,
    ...(documentationUrl ? { documentationUrl } : {}), ...(iconUrl ? { iconUrl } : {}),
    capabilities: readCapabilities(r, root, generation),
    defaultInputModes: r.strings(root, 'defaultInputModes', '', generation === '0.1' ? 'optional' : 'warning', 16, 100),
    defaultOutputModes: r.strings(root, 'defaultOutputModes', '', generation === '0.1' ? 'optional' : 'warning', 16, 100),
    skills, securitySchemes,
    securityRequirements: readSecurityRequirements(r, root, securitySchemes),
    signed, signatures, signatureVerified: false,
  };
  return {
    kind: 'a2a-agent-card',
    summary: {
      ...(name ? { name } : {}), ...(description ? { description } : {}), ...(version ? { version } : {}),
      counts: { skills: skills.length, interfaces: interfaces.length },
      links: interfaces.map((i) => i.url).slice(0, 20),
    },
    problems: r.problems,
    signed,
    detail: name === undefined ? null : card,
  };
}

/** Parses the text of an A2A agent card fetched from `url`. Never throws. */
export function parseA2aAgentCard(text: string, url: string): A2aCardParse {
  const label = documentLabel(url);
  const { root, problems } = readJsonObject(text, label);
  if (!root) return { kind: 'a2a-agent-card', summary: EMPTY_SUMMARY, problems, signed: false, detail: null };
  const parsed = readA2aAgentCard(root, url, label);
  return { ...parsed, problems: [...problems, ...parsed.problems] };
}
