// The ANP agents of a site as the popup shows them: descriptions found by discovery (both the plain
// ANP-07 form and the JSON-LD `ad:` form), the agent's own DID resolved and checked, and each
// interface with what Emissary needs to call it (OpenRPC forms and endpoint, the natural-language
// endpoint, the negotiation endpoint). Only endpoints on the site's own origin are called: a request
// signed with this site's identity never goes to another site.
import { parseJsonOrYaml, isObject, type JsonObject } from '../../protocols/agents-json/json';
import { parseAnpAgentDescription, type AnpAgentDescription } from '../../protocols/anp/description';
import { openRpcForms, type MethodForm } from '../../protocols/anp/openrpc-form';
import { readAnpYamlInterface } from '../../protocols/anp/yaml-interface';
import { getSite } from '../../store/sites';
import type { AnpAgentView, AnpInterfaceView } from '../../shared/api-anp';
import type { fetchText as FetchText } from '../net';
import { resolveDid } from './resolver';

export interface LoadedInterface {
  view: AnpInterfaceView;
  /** JSON-RPC endpoint (structured, meta-protocol) or POST endpoint (natural language). */
  endpoint: string | null;
  forms: MethodForm[];
}

export interface LoadedAgent {
  view: AnpAgentView;
  description: AnpAgentDescription;
  interfaces: LoadedInterface[];
}

const sameOrigin = (url: string, origin: string) => {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
};

async function loadInterface(raw: JsonObject | undefined, i: AnpAgentDescription['interfaces'][number], index: number, adUrl: string, origin: string, fetchText: typeof FetchText): Promise<LoadedInterface> {
  const view: AnpInterfaceView = {
    index, ...(i.id ? { id: i.id } : {}), kind: i.kind, type: i.type, protocol: i.protocol,
    ...(i.description ? { description: i.description } : {}), humanAuthorization: i.humanAuthorization, methods: [],
  };
  const out: LoadedInterface = { view, endpoint: null, forms: [] };
  try {
    const protocol = (i.protocol ?? '').toLowerCase();
    if (i.kind === 'meta-protocol') {
      out.endpoint = i.url;
    } else if (i.kind === 'structured' && protocol === 'openrpc') {
      const doc = i.inline ? raw?.content : JSON.parse(await fetchText(i.url ?? '', 'openapi'));
      out.forms = openRpcForms(doc);
      const servers = isObject(doc) && Array.isArray(doc.servers) ? doc.servers : [];
      const first = servers.find(isObject);
      out.endpoint = first && typeof first.url === 'string' ? new URL(first.url, i.url ?? adUrl).href : null;
      view.methods = out.forms.map((f) => ({ name: f.method, ...(f.summary ? { summary: f.summary } : {}), fields: f.fields }));
    } else if (i.kind === 'natural-language' && i.url) {
      const tree = parseJsonOrYaml(await fetchText(i.url, 'openapi'), 'interface');
      const parsed = tree.ok ? readAnpYamlInterface(tree.value, i.url) : null;
      const ep = parsed?.detail?.endpoints.find((e) => e.method === 'POST');
      out.endpoint = ep ? new URL(ep.path, i.url).href : null;
      if (!ep) view.problem = 'The interface file names no POST endpoint to send a message to.';
    } else view.problem = `Emissary does not call ${i.protocol ?? 'this kind of'} interfaces yet.`;
  } catch (err) {
    view.problem = `The interface could not be read: ${(err as Error).message}`;
  }
  if (out.endpoint && !sameOrigin(out.endpoint, origin)) {
    view.problem = `Its endpoint is on another site (${new URL(out.endpoint).origin}); Emissary signs only for ${origin}.`;
    out.endpoint = null;
  }
  return out;
}

export async function loadAgents(origin: string, fetchText: typeof FetchText): Promise<{ agents: LoadedAgent[]; problems: string[] }> {
  const site = await getSite(origin);
  const urls = [...new Set((site?.documents ?? []).filter((d) => d.kind === 'anp-agent-description').map((d) => d.url))].slice(0, 10);
  const agents: LoadedAgent[] = [];
  const problems: string[] = [];
  for (const url of urls) {
    let text: string;
    try {
      text = await fetchText(url, 'agentsJson');
    } catch (err) {
      problems.push((err as Error).message);
      continue;
    }
    const parsed = parseAnpAgentDescription(text, url);
    if (!parsed.detail) {
      problems.push(parsed.problems[0]?.message ?? `${url} is not an agent description`);
      continue;
    }
    const d = parsed.detail;
    const root = JSON.parse(text) as JsonObject;
    const rawList = (Array.isArray(root.interfaces) ? root.interfaces : Array.isArray(root['ad:interfaces']) ? root['ad:interfaces'] : []).filter(isObject);
    const interfaces = await Promise.all(d.interfaces.map((i, n) => loadInterface(rawList[n], i, n, url, origin, fetchText)));
    let didCheck: AnpAgentView['didCheck'] = 'none';
    let didProblem: string | undefined;
    if (d.did) {
      const r = await resolveDid(d.did);
      didCheck = r.ok ? 'verified' : 'failed';
      if (!r.ok) didProblem = r.problem;
    }
    agents.push({
      description: d, interfaces,
      view: {
        url, name: d.name, ...(d.description ? { description: d.description } : {}), ...(d.owner?.name ? { owner: d.owner.name } : {}),
        shape: d.shape, did: d.did, didCheck, ...(didProblem ? { didProblem } : {}), informations: d.informations, interfaces: interfaces.map((i) => i.view),
      },
    });
  }
  return { agents, problems };
}
