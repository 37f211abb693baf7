// Where sites declare agent interfaces (shared/specs/discovery.md §0–§5). Paths are exact.

/** Every kind of document discovery can recognise. */
export type DocumentKind =
  | 'wildcard-agents-json'
  | 'jmilinovich-agents-json'
  | 'leonting-agents-json'
  | 'agents-manifest'
  | 'aos-agent'
  | 'a2a-agent-card'
  | 'anp-agent-descriptions'
  | 'anp-agent-description'
  | 'mcp-server-card'
  | 'ai-catalog'
  | 'did-document'
  | 'openrpc'
  | 'anp-interface'
  | 'lmos-thing-description'
  | 'openapi'
  | 'llms-txt'
  | 'unknown';

export type DocumentFormat = 'json' | 'markdown';

/** Accept header for discovery JSON. */
export const JSON_ACCEPT = 'application/json';

export interface WellKnownProbe {
  /** Absolute path on the site's origin. */
  path: string;
  /** What is expected there (several dialects share some names). */
  kinds: DocumentKind[];
  format: DocumentFormat;
  /** Accept header to send. */
  accept: string;
  /** Probed on every visited site; the others only when the user asks for a deeper look. */
  byDefault: boolean;
  /** Where the path comes from, for the curious (shown in settings, never needed at run time). */
  note: string;
}

export const WELL_KNOWN_PROBES: readonly WellKnownProbe[] = [
  {
    path: '/.well-known/agents.json', kinds: ['wildcard-agents-json', 'leonting-agents-json', 'jmilinovich-agents-json'],
    format: 'json', accept: JSON_ACCEPT, byDefault: true, note: 'Wildcard agents.json 0.1.0 (also the LeonTing1010 draft)',
  },
  {
    path: '/agents.json', kinds: ['jmilinovich-agents-json', 'agents-manifest', 'wildcard-agents-json'],
    format: 'json', accept: JSON_ACCEPT, byDefault: true, note: 'jmilinovich RFC draft and Ardor-Cerebrum agents manifest',
  },
  {
    path: '/.well-known/agent-card.json', kinds: ['a2a-agent-card'],
    format: 'json', accept: 'application/a2a-agent-card+json, application/json;q=0.9', byDefault: true, note: 'A2A Agent Card, v0.3 and later',
  },
  {
    path: '/.well-known/agent.json', kinds: ['a2a-agent-card'],
    format: 'json', accept: JSON_ACCEPT, byDefault: true, note: 'A2A Agent Card, v0.1–v0.2 (legacy)',
  },
  {
    path: '/.well-known/agent-descriptions', kinds: ['anp-agent-descriptions'],
    format: 'json', accept: 'application/ld+json, application/json;q=0.9', byDefault: true, note: 'ANP agent discovery (CollectionPage of ad.json links)',
  },
  {
    path: '/.well-known/ai-catalog.json', kinds: ['ai-catalog'],
    format: 'json', accept: 'application/ai-catalog+json, application/json;q=0.9', byDefault: true, note: "AI Catalog: MCP's chosen domain index",
  },
  {
    path: '/.well-known/mcp/server-card', kinds: ['mcp-server-card'],
    format: 'json', accept: 'application/mcp-server-card+json, application/json;q=0.9', byDefault: true,
    note: 'MCP Server Card, SEP-2127 text (the current draft prefers <mcp-endpoint>/server-card)',
  },
  {
    path: '/.well-known/mcp/server-card.json', kinds: ['mcp-server-card'],
    format: 'json', accept: 'application/mcp-server-card+json, application/json;q=0.9', byDefault: false, note: 'MCP Server Card as deployed in the wild',
  },
  {
    path: '/.well-known/mcp.json', kinds: ['mcp-server-card'],
    format: 'json', accept: JSON_ACCEPT, byDefault: false, note: 'MCP SEP-1649 (superseded by SEP-2127)',
  },
  {
    path: '/llms.txt', kinds: ['llms-txt'],
    format: 'markdown', accept: 'text/markdown, text/plain;q=0.9', byDefault: true, note: 'llms.txt (AnswerDotAI proposal)',
  },
  {
    path: '/.well-known/llms.txt', kinds: ['llms-txt'],
    format: 'markdown', accept: 'text/markdown, text/plain;q=0.9', byDefault: false, note: 'llms.txt well-known variant (unmerged PR #44)',
  },
  {
    path: '/.well-known/mcp/catalog.json', kinds: ['ai-catalog'],
    format: 'json', accept: JSON_ACCEPT, byDefault: false, note: 'MCP Catalog draft (a transitional subset of the AI Catalog)',
  },
  {
    // W3C WoT Discovery: `/.well-known/wot` returns the Thing's (or a directory's) TD. LMOS names it as one way
    // to find an agent's TD, but LMOS agents run inside clusters and TDDs, so public sites rarely serve it.
    path: '/.well-known/wot', kinds: ['lmos-thing-description'],
    format: 'json', accept: 'application/td+json, application/json;q=0.9', byDefault: false, note: 'W3C WoT Thing Description (Eclipse LMOS agents and tools)',
  },
  {
    // did:wba:<host> resolves here (ANP-03 §1.1); its AgentDescription services point at ad.json files.
    path: '/.well-known/did.json', kinds: ['did-document'],
    format: 'json', accept: 'application/did+json, application/json;q=0.9', byDefault: false, note: 'DID document of did:wba:<host> / did:web:<host> (ANP identity)',
  },
  {
    path: '/.well-known/agent', kinds: ['aos-agent'],
    format: 'json', accept: JSON_ACCEPT, byDefault: false, note: 'AOS protocol draft',
  },
  {
    path: '/.well-known/ai-agent.json', kinds: ['unknown'],
    format: 'json', accept: JSON_ACCEPT, byDefault: false, note: 'ai-agent.json, seen in a forum post only',
  },
];

/** MCP Server Card of a streamable-HTTP endpoint: `GET <endpoint>/server-card` (current draft). */
export function mcpServerCardUrl(endpoint: string): string | null {
  try {
    const url = new URL(endpoint);
    url.search = '';
    url.hash = '';
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/server-card`;
    return url.href;
  } catch {
    return null;
  }
}

/** In-page and header hints that point at discovery documents (content script and response headers). */
export const DISCOVERY_HINTS = {
  /** `<link rel="ai-catalog" type="application/ai-catalog+json" href>` and `Link: <…>; rel="ai-catalog"`. */
  aiCatalogRel: 'ai-catalog',
  aiCatalogType: 'application/ai-catalog+json',
  /** Ardor-Cerebrum agents manifest: `X-Agent-Manifest: <URL>`. */
  agentManifestHeader: 'x-agent-manifest',
  /** WebMCP: tools registered in-page through `document.modelContext` (no file to fetch). */
  webMcpDocumentProperty: 'modelContext',
} as const;

/** The probe for a path, ignoring a trailing slash; undefined for paths Emissary does not probe. */
export function probeForPath(path: string): WellKnownProbe | undefined {
  const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return WELL_KNOWN_PROBES.find((p) => p.path === clean);
}
