// MCP server cards of every draft, and AI / MCP catalogs in both spellings seen in the wild.
import { describe, expect, it } from 'vitest';
import { parseAiCatalog } from './ai-catalog';
import { parseMcpServerCard, SERVER_CARD_SCHEMA } from './server-card';

const CARD_URL = 'https://host.example/mcp/server-card';

// experimental-ext-server-card examples/ServerCard/valid/templated-remote.json (discovery.md §4.1).
const TEMPLATED = {
  $schema: SERVER_CARD_SCHEMA, name: 'example-org/with-remote', version: '2.1.0', description: 'Server Card with a templated remote endpoint and headers.',
  remotes: [{
    type: 'streamable-http', url: 'https://{tenant}.example.com/mcp',
    headers: [{ name: 'Authorization', isRequired: true, isSecret: true, value: 'Bearer {token}', variables: { token: { isRequired: true, isSecret: true } } }],
    variables: { tenant: { isRequired: true, default: 'default' } }, supportedProtocolVersions: ['2025-06-18', '2025-11-25'],
  }],
};

describe('parseMcpServerCard', () => {
  it('reads the current draft (templated remote, headers without their values)', () => {
    const r = parseMcpServerCard(JSON.stringify(TEMPLATED), CARD_URL);
    expect(r.problems).toEqual([]);
    expect(r.summary).toEqual({
      name: 'example-org/with-remote', description: 'Server Card with a templated remote endpoint and headers.', version: '2.1.0',
      counts: { remotes: 1, tools: 0, resources: 0, prompts: 0 }, links: [],
    });
    expect(r.detail).toEqual({
      shape: 'server-card', name: 'example-org/with-remote', version: '2.1.0', description: 'Server Card with a templated remote endpoint and headers.',
      remotes: [{ type: 'streamable-http', url: 'https://{tenant}.example.com/mcp', templated: true, headers: [{ name: 'Authorization', required: true, secret: true }], variables: ['tenant'], protocolVersions: ['2025-06-18', '2025-11-25'], authRequired: null }],
      tools: [], resources: [], prompts: [], dynamic: [], capabilities: [], localPackages: 0,
    });
    expect(JSON.stringify(r.detail)).not.toContain('Bearer');
  });

  it('reads a SEP-2127 card with tools, resources and prompts', () => {
    const card = {
      name: 'com.example/weather', title: 'Weather', version: '1.0.0', description: 'Forecasts',
      remotes: [{ type: 'sse', url: 'https://weather.example/sse', authentication: { required: true, schemes: ['bearer'] } }],
      capabilities: { tools: { listChanged: true }, resources: {} },
      tools: [{ name: 'get_forecast', title: 'Forecast', description: 'Forecast for a city', inputSchema: { type: 'object' } }, { description: 'no name' }],
      resources: [{ uri: 'weather://stations', name: 'stations' }], prompts: 'dynamic',
    };
    const r = parseMcpServerCard(JSON.stringify(card), 'https://weather.example/.well-known/mcp/server-card');
    expect(r.summary).toMatchObject({ name: 'Weather', counts: { remotes: 1, tools: 1, resources: 1, prompts: 0 }, links: ['https://weather.example/sse'] });
    expect(r.detail).toMatchObject({ shape: 'sep-2127', dynamic: ['prompts'], capabilities: ['tools', 'resources'], remotes: [{ type: 'sse', authRequired: true, templated: false }] });
    expect(r.problems.map((p) => p.message)).toEqual(['mcp/server-card: tools[1].name is missing (the specification requires it)']);
  });

  it('reads a SEP-1649 mcp.json with transports', () => {
    const r = parseMcpServerCard(JSON.stringify({ name: 'legacy', version: '0.1', description: 'd', transports: [{ type: 'streamable-http', url: '/mcp' }] }), 'https://h.example/.well-known/mcp.json');
    expect(r.detail).toMatchObject({ shape: 'sep-1649', remotes: [{ url: 'https://h.example/mcp' }] });
    expect(r.problems.map((p) => p.message)).toEqual(['mcp.json: transports[0].url "/mcp" is relative; resolved against the document\'s URL']);
  });

  it('says why a card is unusable from a browser', () => {
    const r = parseMcpServerCard(JSON.stringify({ $schema: SERVER_CARD_SCHEMA, name: 'bad name', version: '1', description: 'x'.repeat(150), remotes: [{ type: 'stdio', url: 'x' }, { type: 'streamable-http', url: 'http://h.example/mcp' }], packages: [{}] }), CARD_URL);
    expect(r.problems.map((p) => p.message)).toEqual([
      "mcp/server-card: name 'bad name' is not in the 'namespace/name' form the schema requires",
      'mcp/server-card: description is longer than the 100 characters the schema allows',
      "mcp/server-card: remotes[0].type 'stdio' is not a transport a browser can use (streamable-http or sse); skipped",
      'mcp/server-card: remotes[1].url "http://h.example/mcp" is not an https URL (http); skipped',
      'mcp/server-card: remotes declares no remote endpoint Emissary can connect to (only 1 local package)',
    ]);
    expect(parseMcpServerCard('{"version":"1"}', CARD_URL).problems[0]).toEqual({ severity: 'error', path: 'name', message: 'mcp/server-card: name is missing; it is required' });
  });
});

describe('parseAiCatalog', () => {
  it('reads the discovery.md shape (type, data) and counts servers and agents', () => {
    const catalog = {
      specVersion: '1.0', host: { displayName: 'Acme', identifier: 'did:web:acme.example' },
      entries: [
        { identifier: 'urn:air:acme:mcp:main', type: 'application/mcp-server-card+json', url: 'https://acme.example/mcp/server-card', displayName: 'Main' },
        { identifier: 'urn:air:acme:a2a:helper', type: 'application/a2a-agent-card+json', data: { name: 'Helper' }, tags: ['agent'] },
        { identifier: 'urn:air:acme:skill', type: 'application/agent-skills+zip', url: 'https://acme.example/skill.zip' },
      ],
    };
    const r = parseAiCatalog(JSON.stringify(catalog), 'https://acme.example/.well-known/ai-catalog.json');
    expect(r.problems).toEqual([]);
    expect(r.summary).toEqual({ name: 'Acme', version: '1.0', counts: { entries: 3, servers: 1, agents: 1 }, links: ['https://acme.example/mcp/server-card', 'https://acme.example/skill.zip'] });
    expect(r.detail?.entries.map((e) => [e.kind, e.url, e.inline])).toEqual([
      ['mcp-server-card', 'https://acme.example/mcp/server-card', null], ['a2a-agent-card', null, { name: 'Helper' }], ['unknown', 'https://acme.example/skill.zip', null],
    ]);
  });

  it('reads the newer spelling (mediaType, inline) and the MCP Catalog without specVersion', () => {
    const r = parseAiCatalog(JSON.stringify({ entries: [{ identifier: 'urn:mcp:server:com.example/weather', mediaType: 'application/mcp-server+json', url: 'https://example.com/.well-known/mcp-server-card' }] }), 'https://example.com/.well-known/mcp/catalog.json');
    expect(r.problems).toEqual([]);
    expect(r.detail?.entries[0]).toMatchObject({ kind: 'mcp-server-card', mediaType: 'application/mcp-server+json' });
  });

  it('reports broken entries one by one', () => {
    const r = parseAiCatalog(JSON.stringify({ specVersion: 'one', entries: [{ identifier: 'a' }, { identifier: 'b', type: 'application/mcp-server+json' }, { identifier: 'c', type: 'application/mcp-server+json', url: 'https://x.example/c', data: {} }] }), 'https://x.example/.well-known/ai-catalog.json');
    expect(r.problems.map((p) => p.message)).toEqual([
      "ai-catalog.json: specVersion 'one' is not in the 'Major.Minor' form",
      'ai-catalog.json: entries[0].type is missing (the specification requires it)',
      'ai-catalog.json: entries[0] has no media type, so its artifact cannot be told apart; skipped',
      "ai-catalog.json: entries[1] has neither a 'url' nor an inline artifact; skipped",
      "ai-catalog.json: entries[2] has both 'url' and 'data'; exactly one is allowed, the inline artifact is used",
    ]);
  });
});
