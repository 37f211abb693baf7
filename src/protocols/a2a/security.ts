// A2A security schemes, security requirements and card signatures, in both the v1.0 (proto JSON) and
// the v0.x (OpenAPI-style) spellings (discovery.md §2.2–§2.4).
import { childPath, isObject, parseJsonText, type JsonObject } from '../agents-json/json';
import type { Reader } from '../discovery/reader';

export type A2aSchemeType = 'apiKey' | 'http' | 'oauth2' | 'openIdConnect' | 'mutualTLS' | 'unknown';

export interface A2aSecurityScheme {
  name: string;
  type: A2aSchemeType;
  description?: string;
  /** apiKey: where the key goes (`header`, `query`, `cookie`) and its parameter name. */
  location?: string;
  parameterName?: string;
  /** http: `bearer`, `basic`, … */
  scheme?: string;
  bearerFormat?: string;
  openIdConnectUrl?: string;
  oauth2MetadataUrl?: string;
  /** oauth2: the flow names offered (`authorizationCode`, `clientCredentials`, `deviceCode`, …). */
  flows?: string[];
}

/** One alternative: every named scheme must be satisfied, with these scopes. */
export type A2aSecurityRequirement = Record<string, string[]>;

export interface A2aSignature {
  /** From the protected header, unverified. */
  alg: string | null;
  kid: string | null;
  jku: string | null;
  typ: string | null;
}

const V1_WRAPPERS: Record<string, A2aSchemeType> = {
  apiKeySecurityScheme: 'apiKey',
  httpAuthSecurityScheme: 'http',
  oauth2SecurityScheme: 'oauth2',
  openIdConnectSecurityScheme: 'openIdConnect',
  mtlsSecurityScheme: 'mutualTLS',
};
const LEGACY_TYPES: Record<string, A2aSchemeType> = { apiKey: 'apiKey', http: 'http', oauth2: 'oauth2', openIdConnect: 'openIdConnect', mutualTLS: 'mutualTLS' };
const OAUTH_FLOWS = ['authorizationCode', 'clientCredentials', 'deviceCode', 'implicit', 'password'];
const MAX_SCHEMES = 32;
/** JWS algorithms a client may accept for card signatures (AI Catalog's allow-list; `none` and HMAC are refused). */
export const ACCEPTABLE_JWS_ALGS = ['ES256', 'ES384', 'EdDSA', 'PS256', 'PS384', 'RS256'];

function readScheme(r: Reader, name: string, raw: JsonObject, at: string): A2aSecurityScheme {
  const wrapper = Object.keys(V1_WRAPPERS).find((k) => isObject(raw[k]));
  const body = wrapper ? (raw[wrapper] as JsonObject) : raw;
  const bodyAt = wrapper ? childPath(at, wrapper) : at;
  let type: A2aSchemeType = 'unknown';
  if (wrapper) type = V1_WRAPPERS[wrapper];
  else if (typeof raw.type === 'string' && LEGACY_TYPES[raw.type]) type = LEGACY_TYPES[raw.type];
  else r.warn(at, 'is no security scheme Emissary knows (expected apiKey, http, oauth2, openIdConnect or mutualTLS)');
  const scheme: A2aSecurityScheme = { name, type };
  const description = r.text(body, 'description', bodyAt, 'optional');
  if (description) scheme.description = description;
  if (type === 'apiKey') {
    scheme.location = r.text(body, wrapper ? 'location' : 'in', bodyAt, 'warning', 20);
    scheme.parameterName = r.text(body, 'name', bodyAt, 'warning', 100);
  } else if (type === 'http') {
    scheme.scheme = r.text(body, 'scheme', bodyAt, 'warning', 40);
    const bearerFormat = r.text(body, 'bearerFormat', bodyAt, 'optional', 60);
    if (bearerFormat) scheme.bearerFormat = bearerFormat;
  } else if (type === 'openIdConnect') {
    scheme.openIdConnectUrl = r.url(body, 'openIdConnectUrl', bodyAt, 'warning');
  } else if (type === 'oauth2') {
    const flows = r.obj(body, 'flows', bodyAt, 'warning');
    scheme.flows = flows ? OAUTH_FLOWS.filter((f) => isObject(flows[f])) : [];
    if (flows && scheme.flows.length === 0) r.warn(childPath(bodyAt, 'flows'), 'names no OAuth 2 flow Emissary knows');
    const meta = r.url(body, 'oauth2MetadataUrl', bodyAt, 'optional');
    if (meta) scheme.oauth2MetadataUrl = meta;
  }
  return scheme;
}

export function readSecuritySchemes(r: Reader, card: JsonObject): A2aSecurityScheme[] {
  const raw = r.obj(card, 'securitySchemes', '', 'optional');
  if (!raw) return [];
  const names = Object.keys(raw);
  if (names.length > MAX_SCHEMES) r.warn('securitySchemes', `has ${names.length} schemes; only the first ${MAX_SCHEMES} are read`);
  const out: A2aSecurityScheme[] = [];
  for (const name of names.slice(0, MAX_SCHEMES)) {
    const at = childPath('securitySchemes', name);
    if (!isObject(raw[name])) r.warn(at, 'must be an object; skipped');
    else out.push(readScheme(r, name.slice(0, 100), raw[name] as JsonObject, at));
  }
  return out;
}

/** v1.0 `securityRequirements: [{schemes: {name: {list: [scopes]}}}]`, or v0.x `security: [{name: [scopes]}]`. */
export function readSecurityRequirements(r: Reader, card: JsonObject, schemes: A2aSecurityScheme[]): A2aSecurityRequirement[] {
  const key = card.securityRequirements !== undefined && card.securityRequirements !== null ? 'securityRequirements' : 'security';
  const raw = r.list(card, key, '', 'optional');
  if (!raw) return [];
  const known = new Set(schemes.map((s) => s.name));
  const out: A2aSecurityRequirement[] = [];
  for (const [item, at] of r.items(raw, key, MAX_SCHEMES)) {
    const map = isObject(item.schemes) ? (item.schemes as JsonObject) : item;
    const mapAt = isObject(item.schemes) ? childPath(at, 'schemes') : at;
    const requirement: A2aSecurityRequirement = {};
    for (const name of Object.keys(map).slice(0, MAX_SCHEMES)) {
      const value = map[name];
      const scopesRaw = Array.isArray(value) ? value : isObject(value) && Array.isArray(value.list) ? value.list : [];
      requirement[name] = scopesRaw.filter((s): s is string => typeof s === 'string').slice(0, 64).map((s) => s.slice(0, 200));
      if (!known.has(name)) r.warn(childPath(mapAt, name), `names the security scheme '${name.slice(0, 60)}', which securitySchemes does not declare`);
    }
    out.push(requirement);
  }
  return out;
}

function base64UrlToText(value: string): string | null {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(value) || value.length > 8192) return null;
  try {
    const b64 = value.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Reads `signatures[]` (detached JWS). Nothing is verified here: the caller shows "signed, not verified". */
export function readSignatures(r: Reader, card: JsonObject): A2aSignature[] {
  const raw = r.list(card, 'signatures', '', 'optional');
  if (!raw) return [];
  const out: A2aSignature[] = [];
  for (const [item, at] of r.items(raw, 'signatures', 8)) {
    const protectedHeader = r.text(item, 'protected', at, 'warning', 8192);
    const signature = r.text(item, 'signature', at, 'warning', 8192);
    if (!protectedHeader || !signature) continue;
    const headerText = base64UrlToText(protectedHeader);
    const header = headerText === null ? null : parseJsonText(headerText, r.label, { maxBytes: 8192, maxDepth: 8, maxNodes: 200 });
    if (!header || !header.ok || !isObject(header.value)) {
      r.warn(childPath(at, 'protected'), 'is not a base64url-encoded JSON header; the signature cannot be checked');
      continue;
    }
    const h = header.value;
    const str = (k: string) => (typeof h[k] === 'string' ? (h[k] as string).slice(0, 200) : null);
    const sig: A2aSignature = { alg: str('alg'), kid: str('kid'), jku: str('jku'), typ: str('typ') };
    if (!sig.alg) r.warn(childPath(at, 'protected'), "has no 'alg'; the signature cannot be checked");
    else if (!ACCEPTABLE_JWS_ALGS.includes(sig.alg)) r.warn(childPath(at, 'protected'), `uses the algorithm '${sig.alg}', which Emissary will not trust (allowed: ${ACCEPTABLE_JWS_ALGS.join(', ')})`);
    if (!sig.kid) r.warn(childPath(at, 'protected'), "has no 'kid' (the spec requires it)");
    out.push(sig);
  }
  return out;
}
