// classifyDocument: every discovery document kind from discovery.md is recognised for what it is;
// HTML fallbacks, junk and mislabelled files get a specific problem.
import { describe, expect, it } from 'vitest';
import { corpusText, sharedText } from '../agents-json/corpus.fixture';
import type { ParseAgentsJsonResult } from '../agents-json/types';
import { classifyDocument, createClassifier, describeClassification } from './classify';
import { DEFAULT_HANDLERS } from './handlers';

const ORIGIN = 'https://site.example';
const json = 'application/json';

const A2A_V1 = {
  name: 'GeoSpatial Route Planner Agent', description: 'Plans routes',
  supportedInterfaces: [{ url: 'https://georoute-agent.example.com/a2a/v1', protocolBinding: 'JSONRPC', protocolVersion: '1.0' }],
  provider: { organization: 'Example Geo Services Inc.', url: 'https://www.examplegeoservices.com' },
  version: '1.2.0', capabilities: { streaming: true }, defaultInputModes: ['application/json'], defaultOutputModes: ['application/json'],
  skills: [{ id: 'route-optimizer-traffic', name: 'Traffic-Aware Route Optimizer', description: '…', tags: ['maps'] }],
};
const A2A_V03 = { protocolVersion: '0.3.0', name: 'Legacy', description: 'Old card', url: 'https://legacy.example/a2a', version: '1', capabilities: {}, defaultInputModes: [], defaultOutputModes: [], skills: [] };
const ANP_LIST = {
  '@context': { '@vocab': 'https://schema.org/', ad: 'https://agent-network-protocol.com/ad#' }, '@type': 'CollectionPage',
  url: 'https://agent-network-protocol.com/.well-known/agent-descriptions',
  items: [{ '@type': 'ad:AgentDescription', name: 'Smart Assistant', '@id': 'https://agent-network-protocol.com/agents/smartassistant/ad.json' }],
  next: 'https://agent-network-protocol.com/.well-known/agent-descriptions?page=2',
};
const MCP_CARD = {
  $schema: 'https://static.modelcontextprotocol.io/schemas/v1/server-card.schema.json', name: 'example-org/with-remote', version: '2.1.0',
  description: 'Server Card with a templated remote endpoint and headers.',
  remotes: [{ type: 'streamable-http', url: 'https://{tenant}.example.com/mcp', supportedProtocolVersions: ['2025-06-18'] }],
};
const AI_CATALOG = { specVersion: '1.0', host: { displayName: 'Site' }, entries: [{ identifier: 'urn:air:site:mcp:main', type: 'application/mcp-server-card+json', url: 'https://site.example/mcp/server-card' }] };

function classify(path: string, body: unknown, contentType: string | null = json) {
  return classifyDocument(`${ORIGIN}${path}`, contentType, typeof body === 'string' ? body : JSON.stringify(body));
}

describe('classifyDocument', () => {
  it('runs a Wildcard agents.json through its parser', () => {
    const c = classify('/.well-known/agents.json', corpusText('giphy/agents.json'));
    expect(c).toMatchObject({ kind: 'wildcard-agents-json', label: 'agents.json (Wildcard)', problems: [], summary: { name: 'Giphy Agent Flows', counts: { flows: 6, sources: 1, actions: 6 } } });
    expect((c.detail as ParseAgentsJsonResult).ok).toBe(true);
    expect(describeClassification(c)).toBe('agents.json (Wildcard): Giphy Agent Flows — 6 flows, 1 source, 6 actions');
  });

  it('shows other agents.json dialects for what they are', () => {
    const c = classify('/agents.json', { version: '1.0', site_info: { name: 'Blog' }, intents: { supported: [{ type: 'read' }] } });
    expect(c).toMatchObject({ kind: 'jmilinovich-agents-json', label: 'agents.json RFC draft (jmilinovich)', problems: [], summary: { name: 'Blog', counts: { intents: 1 } } });
    expect(classify('/.well-known/agents.json', { version: '1.0', name: 'Shop', description: 'd', actions: [] })).toMatchObject({ kind: 'leonting-agents-json', problems: [] });
  });

  it('recognises A2A cards of both generations', () => {
    expect(classify('/.well-known/agent-card.json', A2A_V1)).toMatchObject({
      kind: 'a2a-agent-card', problems: [], summary: { name: 'GeoSpatial Route Planner Agent', version: '1.2.0', counts: { skills: 1, interfaces: 1 }, links: ['https://georoute-agent.example.com/a2a/v1'] },
    });
    expect(classify('/.well-known/agent.json', A2A_V03)).toMatchObject({ kind: 'a2a-agent-card', problems: [], summary: { links: ['https://legacy.example/a2a'] } });
  });

  it('recognises ANP discovery pages and the published ANP agent descriptions', () => {
    // Served from the spec example's own site: its `next` page is on the same origin.
    expect(classifyDocument('https://agent-network-protocol.com/.well-known/agent-descriptions', 'application/ld+json', JSON.stringify(ANP_LIST))).toMatchObject({
      kind: 'anp-agent-descriptions', problems: [],
      summary: { counts: { agents: 1 }, links: ['https://agent-network-protocol.com/agents/smartassistant/ad.json', 'https://agent-network-protocol.com/.well-known/agent-descriptions?page=2'] },
    });
    const hotel = classifyDocument('https://service.agent-network-protocol.com/agents/hotel/ad.json', json, sharedText('specs/anp-vectors/spec-examples/hotel/ad.json'));
    expect(hotel).toMatchObject({ kind: 'anp-agent-description', problems: [], summary: { name: 'Hotel Booking Agent' } });
    const v11 = classifyDocument('https://grand-hotel.com/ad.json', json, sharedText('specs/anp-vectors/agent-description/test_data_agent_description.json'));
    expect(v11).toMatchObject({ kind: 'anp-agent-description', problems: [], summary: { name: 'Grand Hotel Assistant', version: '1.0.0' } });
  });

  it('recognises MCP server cards and AI catalogs', () => {
    expect(classify('/.well-known/mcp/server-card', MCP_CARD, 'application/mcp-server-card+json')).toMatchObject({ kind: 'mcp-server-card', problems: [], summary: { name: 'example-org/with-remote', counts: { remotes: 1 } } });
    expect(classify('/.well-known/ai-catalog.json', AI_CATALOG, 'application/ai-catalog+json')).toMatchObject({
      kind: 'ai-catalog', problems: [], summary: { name: 'Site', counts: { entries: 1 }, links: ['https://site.example/mcp/server-card'] },
    });
  });

  it('reads llms.txt', () => {
    const text = '# Example Site\n\n> Docs for agents.\n\n## Docs\n\n- [API](https://site.example/api.md): the API\n- [Guide](https://site.example/guide.md)\n\n## Optional\n\n- [Old](https://site.example/old.md)\n';
    expect(classify('/llms.txt', text, 'text/markdown; charset=utf-8')).toEqual({
      kind: 'llms-txt', label: 'llms.txt', problems: [],
      summary: { name: 'Example Site', description: 'Docs for agents.', counts: { sections: 2, links: 3 }, links: ['https://site.example/api.md', 'https://site.example/guide.md', 'https://site.example/old.md'] },
    });
    expect(classify('/llms.txt', 'just text', 'text/plain').problems.map((p) => p.message)).toEqual(["llms.txt: does not start with a '# ' title line, so it is not an llms.txt"]);
  });

  it('calls out an HTML fallback page instead of a parse error', () => {
    const c = classify('/.well-known/agent-card.json', '<!doctype html><html>app</html>', 'text/html; charset=utf-8');
    expect(c).toMatchObject({ kind: 'unknown', summary: null });
    expect(c.problems.map((p) => p.message)).toEqual(['agent-card.json: is an HTML page (text/html), not a discovery document; the site probably answers every path with a page']);
  });

  it('reads JSON served as text/plain, and says so', () => {
    const c = classify('/.well-known/agent-card.json', A2A_V1, 'text/plain');
    expect(c.kind).toBe('a2a-agent-card');
    expect(c.problems.map((p) => p.message)).toEqual(['agent-card.json: was served as text/plain, not as JSON; read anyway']);
    expect(classify('/.well-known/agent-card.json', A2A_V1, 'image/png').problems.map((p) => p.message)).toEqual(['agent-card.json: was served as image/png, which is not JSON; not read']);
  });

  it('notices a document served at an unexpected path', () => {
    const c = classify('/.well-known/agents.json', A2A_V1);
    expect(c.kind).toBe('a2a-agent-card');
    expect(c.problems.map((p) => p.message)).toEqual(['agents.json: looks like this kind of document: A2A agent card, though it was served at /.well-known/agents.json']);
  });

  it('reports junk specifically', () => {
    expect(classify('/.well-known/agent-card.json', '{"name":').problems[0].message).toMatch(/^agent-card\.json: is not valid JSON \(/);
    expect(classify('/.well-known/agent-card.json', [1]).problems.map((p) => p.message)).toEqual(['agent-card.json: is JSON but not an object, so it is no discovery document']);
    expect(classify('/.well-known/agent-card.json', { hello: 'world' }).problems.map((p) => p.message)).toEqual(['agent-card.json: is JSON but matches no discovery document Emissary knows']);
    expect(classify('/.well-known/agents.json', corpusText('giphy/interim.json')).problems.map((p) => p.message)).toEqual([
      "agents.json: is not an agents.json document: it has no 'agentsJson' version and matches no known agents.json dialect",
    ]);
    expect(classify('/.well-known/agent-card.json', { name: 'x'.repeat(2 * 1024 * 1024) }).problems[0].message).toMatch(/^agent-card\.json: is larger than 1 MiB/);
  });

  it('takes a bare path too (relative sources then cannot be resolved)', () => {
    const agents = corpusText('giphy/agents.json').replace(/"path": "https:[^"]+"/, '"path": "openapi.yaml"');
    const c = classifyDocument('/.well-known/agents.json', json, agents);
    expect(c.kind).toBe('wildcard-agents-json');
    expect(c.problems.map((p) => p.message)).toEqual(['agents.json: sources[0].path "openapi.yaml" cannot be resolved to a URL']);
  });

  it('accepts plug-in handlers', () => {
    const classifier = createClassifier([
      { kind: 'a2a-agent-card', label: 'A2A (full parser)', format: 'json', sniff: (j) => typeof j.name === 'string', summarize: () => ({ counts: {}, links: [] }), parse: () => ({ kind: 'a2a-agent-card', summary: { name: 'parsed', counts: {}, links: [] }, problems: [], detail: 42 }) },
      ...DEFAULT_HANDLERS,
    ]);
    expect(classifier(`${ORIGIN}/.well-known/agent-card.json`, json, JSON.stringify(A2A_V1))).toMatchObject({ label: 'A2A (full parser)', summary: { name: 'parsed' }, detail: 42 });
  });
});
