// Modern-era (2026-07-28) request headers: Mcp-Method, Mcp-Name and the Mcp-Param-* headers that
// mirror tool arguments annotated with `x-mcp-header`, with the `=?base64?…?=` value encoding.
import { isObject, type JsonObject, type JsonValue } from '../../agents-json/json';

const TCHAR = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const PLAIN = /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/;

function utf8Base64(text: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** A header value as the spec wants it: plain visible ASCII, else `=?base64?<UTF-8 base64>?=`. */
export function encodeHeaderValue(value: string): string {
  const sentinel = value.startsWith('=?base64?') && value.endsWith('?=');
  return PLAIN.test(value) && !sentinel ? value : `=?base64?${utf8Base64(value)}?=`;
}

export interface ParamHeader {
  /** The part after `Mcp-Param-`. */
  name: string;
  /** Chain of `properties` keys from the schema root. */
  path: string[];
  type: 'string' | 'integer' | 'boolean';
}

export type ParamHeaders = { ok: true; headers: ParamHeader[] } | { ok: false; reason: string };

const SCHEMA_KEYS_WITH_SUBSCHEMAS = ['items', 'prefixItems', 'additionalProperties', 'patternProperties', 'oneOf', 'anyOf', 'allOf', 'not', 'if', 'then', 'else', '$defs', 'definitions', 'dependentSchemas', 'contains'];
const MAX_WALK = 2000;

/**
 * Finds the `x-mcp-header` annotations of a tool's inputSchema and checks the spec's constraints:
 * token names, case-insensitively unique, on string/integer/boolean properties reachable through
 * `properties` only. Any violation makes the whole tool invalid.
 */
export function collectParamHeaders(schema: JsonObject): ParamHeaders {
  const headers: ParamHeader[] = [];
  const seen = new Set<string>();
  let budget = MAX_WALK;
  let problem: string | undefined;
  const walk = (node: JsonValue, path: string[], reachable: boolean) => {
    if (problem || --budget < 0 || (!isObject(node) && !Array.isArray(node))) return;
    if (Array.isArray(node)) {
      for (const item of node) walk(item, path, false);
      return;
    }
    if ('x-mcp-header' in node) {
      const name = node['x-mcp-header'];
      const type = node.type;
      if (!reachable || path.length === 0) problem = `x-mcp-header at ${path.join('.') || 'the root'} is not reachable through properties alone`;
      else if (typeof name !== 'string' || !TCHAR.test(name)) problem = `x-mcp-header of '${path.join('.')}' is not a valid header name`;
      else if (type !== 'string' && type !== 'integer' && type !== 'boolean') problem = `x-mcp-header '${name}' is on a property that is not a string, integer or boolean`;
      else if (seen.has(name.toLowerCase())) problem = `x-mcp-header '${name}' is used twice`;
      else {
        seen.add(name.toLowerCase());
        headers.push({ name, path, type });
      }
    }
    if (isObject(node.properties)) for (const [k, v] of Object.entries(node.properties)) walk(v, [...path, k], reachable);
    for (const key of SCHEMA_KEYS_WITH_SUBSCHEMAS) if (key in node) walk(node[key], path, false);
  };
  walk(schema, [], true);
  if (budget < 0) return { ok: false, reason: 'the inputSchema is too large to check its x-mcp-header annotations' };
  return problem ? { ok: false, reason: problem } : { ok: true, headers };
}

/** The Mcp-Param-* headers for one call's arguments; a value that is absent or null gives no header. */
export function paramHeaderValues(headers: ParamHeader[], args: JsonObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of headers) {
    let v: JsonValue | undefined = args;
    for (const key of h.path) v = isObject(v) ? v[key] : undefined;
    if (v === undefined || v === null) continue;
    if (typeof v === 'string') out[`Mcp-Param-${h.name}`] = encodeHeaderValue(v);
    else if (typeof v === 'boolean') out[`Mcp-Param-${h.name}`] = v ? 'true' : 'false';
    else if (typeof v === 'number' && Number.isSafeInteger(v)) out[`Mcp-Param-${h.name}`] = String(v);
  }
  return out;
}

/** Mcp-Method and, for tools/call, resources/read and prompts/get, Mcp-Name. */
export function standardHeaders(method: string, params: JsonObject | undefined): Record<string, string> {
  const out: Record<string, string> = { 'Mcp-Method': method };
  const name = method === 'resources/read' ? params?.uri : method === 'tools/call' || method === 'prompts/get' ? params?.name : undefined;
  if (typeof name === 'string') out['Mcp-Name'] = encodeHeaderValue(name);
  return out;
}
