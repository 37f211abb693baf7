// The older ANP interface files an agent description links with `protocol: "YAML"` that are not OpenAPI:
// `{interface: {type, description, version, endpoints: [{name, description, method, path, parameters}]}}`
// (AgentNetworkProtocol examples/adp/*/api/*.yaml). Summarised, not executed.
import { childPath, isObject, type JsonObject, type JsonValue } from '../agents-json/json';
import { documentLabel, EMPTY_SUMMARY, type ParsedDocument } from '../discovery/document';
import { DESCRIPTION_MAX, Reader } from '../discovery/reader';

export interface AnpYamlEndpoint {
  name: string;
  method: string;
  path: string;
  description?: string;
  parameters: string[];
}

export interface AnpYamlInterface {
  type: string;
  description?: string;
  version?: string;
  endpoints: AnpYamlEndpoint[];
}

export interface AnpYamlInterfaceParse extends ParsedDocument {
  kind: 'anp-interface';
  detail: AnpYamlInterface | null;
}

export function isAnpYamlInterface(root: JsonObject): boolean {
  return isObject(root.interface) && Array.isArray(root.interface.endpoints);
}

/** Reads an interface file already parsed from YAML (or JSON). */
export function readAnpYamlInterface(root: JsonValue, url: string, label = documentLabel(url)): AnpYamlInterfaceParse {
  const r = new Reader(label, url);
  const iface = isObject(root) ? r.obj(root, 'interface', '', 'error') : undefined;
  if (!iface) {
    if (!isObject(root)) r.error('', 'must be a mapping');
    return { kind: 'anp-interface', summary: EMPTY_SUMMARY, problems: r.problems, detail: null };
  }
  const endpoints: AnpYamlEndpoint[] = [];
  for (const [e, at] of r.items(r.list(iface, 'endpoints', 'interface', 'warning') ?? [], 'interface.endpoints', 64)) {
    const name = r.text(e, 'name', at, 'warning', 128);
    const path = r.text(e, 'path', at, 'warning', 500);
    if (!name || !path) continue;
    const description = r.text(e, 'description', at, 'optional', DESCRIPTION_MAX);
    const parameters = (Array.isArray(e.parameters) ? e.parameters : []).filter(isObject).map((p) => p.name).filter((n): n is string => typeof n === 'string').slice(0, 64);
    endpoints.push({ name, method: (r.text(e, 'method', at, 'optional', 10) ?? 'POST').toUpperCase(), path, ...(description ? { description } : {}), parameters });
  }
  const type = r.text(iface, 'type', 'interface', 'warning', 80) ?? 'Interface';
  const description = r.text(iface, 'description', 'interface', 'optional', DESCRIPTION_MAX);
  const version = r.text(iface, 'version', 'interface', 'optional', 20);
  if (endpoints.length === 0) r.warn(childPath('interface', 'endpoints'), 'lists no usable endpoint');
  return {
    kind: 'anp-interface',
    summary: { name: type, ...(description ? { description } : {}), ...(version ? { version } : {}), counts: { endpoints: endpoints.length }, links: [] },
    problems: r.problems,
    detail: { type, ...(description ? { description } : {}), ...(version ? { version } : {}), endpoints },
  };
}
