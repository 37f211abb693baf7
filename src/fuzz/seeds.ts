// Real documents the fuzzers mutate: the shared corpus, the ANP fixtures, the x402 examples and the
// documents the e2e demo sites serve. Test-only.
import { parse as parseYaml } from 'yaml';
import { corpusText, sharedText } from '../protocols/agents-json/corpus.fixture';
import { travelAgentCard, travelAgentDescription, travelAgentDescriptions } from '../../e2e/demo/agent-documents';
import { shopAgentsJson, shopOpenApi } from '../../e2e/demo/shop-documents';
import x402Examples from '../protocols/x402/testdata/payments-md-examples.json';

export const DEMO_ORIGIN = 'https://shop.example';

const yamlToJson = (text: string): string => JSON.stringify(parseYaml(text));

/** Wildcard agents.json files: every corpus file plus the demo shop's. */
export const AGENTS_JSON_SEEDS: string[] = [
  ...['alpaca', 'giphy', 'hubspotcontacts', 'linkup', 'resend', 'theodds'].map((d) => corpusText(`${d}/agents.json`)),
  corpusText('giphy/interim.json'),
  JSON.stringify(shopAgentsJson(DEMO_ORIGIN)),
];

/** OpenAPI documents small enough to mutate ten thousand times (the large corpus YAMLs are parsed once in the corpus test). */
export const OPENAPI_SEEDS: string[] = [
  corpusText('linkup/openapi.json'),
  yamlToJson(corpusText('linkup/openapi.yaml')),
  yamlToJson(corpusText('resend/openapi.yaml')),
  JSON.stringify(shopOpenApi(DEMO_ORIGIN)),
];

/** YAML texts (OpenAPI and ANP YAML interfaces) for the YAML reader. */
export const YAML_SEEDS: string[] = [
  corpusText('linkup/openapi.yaml'),
  sharedText('specs/anp-vectors/spec-examples/hotel/api/search-interface.yaml'),
  sharedText('specs/anp-vectors/spec-examples/hotel/api/booking-interface.yaml'),
  sharedText('specs/anp-vectors/spec-examples/hotel/api/nl-interface.yaml'),
];

export const A2A_SEEDS: string[] = [
  JSON.stringify(travelAgentCard(DEMO_ORIGIN)),
  JSON.stringify({
    name: 'GeoSpatial Route Planner Agent', description: 'Plans routes',
    supportedInterfaces: [{ url: 'https://georoute-agent.example.com/a2a/v1', protocolBinding: 'JSONRPC', protocolVersion: '1.0' }],
    provider: { organization: 'Example Geo Services Inc.', url: 'https://www.examplegeoservices.com' },
    version: '1.2.0', capabilities: { streaming: true, pushNotifications: true, extendedAgentCard: true },
    securitySchemes: { google: { openIdConnectSecurityScheme: { openIdConnectUrl: 'https://accounts.google.com/.well-known/openid-configuration' } } },
    securityRequirements: [{ schemes: { google: { list: ['openid', 'profile'] } } }],
    defaultInputModes: ['application/json'], defaultOutputModes: ['application/json', 'image/png'],
    skills: [{ id: 'route-optimizer-traffic', name: 'Traffic-Aware Route Optimizer', description: 'Optimizes routes', tags: ['maps'], examples: ['Plan a route'] }],
    signatures: [{ protected: 'eyJhbGciOiJFUzI1NiIsInR5cCI6IkpPU0UiLCJraWQiOiJrZXktMSJ9', signature: 'QFdkNLNszlGj3z3u0YQGt_T9LixY3qtdQpZmsTdDHDe3fXV9y9-B3m2-XgCpzuhiLt8E0tV6HXoZKHv4GtHgKQ' }],
  }),
  JSON.stringify({ protocolVersion: '0.3.0', name: 'Legacy', description: 'Old card', url: 'https://legacy.example/a2a', preferredTransport: 'JSONRPC', additionalInterfaces: [{ url: 'https://legacy.example/grpc', transport: 'GRPC' }], version: '1', capabilities: {}, defaultInputModes: [], defaultOutputModes: [], skills: [] }),
];

export const ANP_DESCRIPTIONS_SEEDS: string[] = [
  JSON.stringify(travelAgentDescriptions(DEMO_ORIGIN)),
  JSON.stringify({
    '@context': { '@vocab': 'https://schema.org/', ad: 'https://agent-network-protocol.com/ad#' }, '@type': 'CollectionPage',
    url: 'https://agent-network-protocol.com/.well-known/agent-descriptions',
    items: [{ '@type': 'ad:AgentDescription', name: 'Smart Assistant', '@id': 'https://agent-network-protocol.com/agents/smartassistant/ad.json' }],
    next: 'https://agent-network-protocol.com/.well-known/agent-descriptions?page=2',
  }),
];

export const ANP_DESCRIPTION_SEEDS: string[] = [
  JSON.stringify(travelAgentDescription(DEMO_ORIGIN)),
  sharedText('specs/anp-vectors/agent-description/test_data_agent_description.json'),
  sharedText('specs/anp-vectors/agent-description/test_data_embedded_openrpc.json'),
  sharedText('specs/anp-vectors/spec-examples/hotel/ad.json'),
];

export const OPENRPC_SEEDS: string[] = [sharedText('specs/anp-vectors/agent-description/test_data_openrpc.json')];

export const DID_SEEDS: string[] = [
  sharedText('specs/anp-vectors/did-e1/e1/did.json'),
  JSON.stringify({
    '@context': ['https://www.w3.org/ns/did/v1'], id: 'did:wba:site.example:user:alice',
    verificationMethod: [{ id: 'did:wba:site.example:user:alice#key-1', type: 'EcdsaSecp256k1VerificationKey2019', controller: 'did:wba:site.example:user:alice', publicKeyJwk: { crv: 'secp256k1', x: 'NtngWpJUr-rlNNbs0u-Aa8e16OwSJu6UiFf0Rdo1oJ4', y: 'qN1jKupJlFsPFc1UkWinqljv4YE0mq_Ihd8pnRe7fSs', kty: 'EC', kid: 'key-1' } }],
    authentication: ['did:wba:site.example:user:alice#key-1'],
    service: [{ id: 'did:wba:site.example:user:alice#ad', type: 'AgentDescription', serviceEndpoint: 'https://site.example/agents/alice/ad.json' }],
  }),
];

export const MCP_CARD_SEEDS: string[] = [
  JSON.stringify({
    $schema: 'https://static.modelcontextprotocol.io/schemas/v1/server-card.schema.json', name: 'example-org/with-remote', version: '2.1.0', description: 'Server Card with a templated remote endpoint and headers.',
    remotes: [{
      type: 'streamable-http', url: 'https://{tenant}.example.com/mcp',
      headers: [{ name: 'Authorization', isRequired: true, isSecret: true, value: 'Bearer {token}', variables: { token: { isRequired: true, isSecret: true } } }],
      variables: { tenant: { isRequired: true, default: 'default' } }, supportedProtocolVersions: ['2025-06-18', '2025-11-25'],
    }],
  }),
  JSON.stringify({
    name: 'com.example/weather', title: 'Weather', version: '1.0.0', description: 'Forecasts',
    remotes: [{ type: 'sse', url: 'https://weather.example/sse', authentication: { required: true, schemes: ['bearer'] } }],
    capabilities: { tools: { listChanged: true }, resources: {} },
    tools: [{ name: 'get_forecast', title: 'Forecast', description: 'Forecast for a city', inputSchema: { type: 'object' } }, { description: 'no name' }],
    resources: [{ uri: 'weather://stations', name: 'stations' }], prompts: 'dynamic',
  }),
  JSON.stringify({ name: 'legacy', version: '0.1', description: 'd', transports: [{ type: 'streamable-http', url: '/mcp' }] }),
];

export const AI_CATALOG_SEEDS: string[] = [
  JSON.stringify({ specVersion: '1.0', host: { displayName: 'Site' }, entries: [{ identifier: 'urn:air:site:mcp:main', type: 'application/mcp-server-card+json', url: 'https://site.example/mcp/server-card' }] }),
  JSON.stringify({
    specVersion: '1.0', host: { displayName: 'Shop', identifier: 'did:web:shop.example' },
    entries: [
      { identifier: 'urn:air:shop:a2a', displayName: 'Helper', type: 'application/a2a-agent-card+json', data: { name: 'Helper', description: 'inline card', supportedInterfaces: [] } },
      { identifier: 'urn:air:shop:nested', type: 'application/ai-catalog+json', url: '/nested/ai-catalog.json' },
      { identifier: 'urn:air:shop:td', type: 'application/td+json', url: 'https://shop.example/.well-known/wot' },
    ],
  }),
];

export const THING_DESCRIPTION_SEEDS: string[] = [
  JSON.stringify({
    '@context': ['https://www.w3.org/2022/wot/td/v1.1', { lmos: 'https://eclipse.dev/lmos/protocol/v1' }],
    id: 'urn:uuid:6f1d3a7a-1f97-4e6b-b45f-f3c2e1c84c77', title: 'WeatherAgent', '@type': 'lmos:Agent',
    links: [{ rel: 'service-doc', href: 'https://weatherai.example.com/manual.pdf', type: 'application/pdf', hreflang: 'en' }],
    'lmos:metadata': {
      'lmos:vendor': { 'lmos:name': 'Deutsche Telekom AG', 'lmos:url': 'https://telekom.de' },
      'lmos:model': { 'lmos:name': 'gpt-4o', 'lmos:provider': 'Azure' }, 'lmos:interaction': { 'lmos:supportedLanguages': ['en', 'de'] },
    },
    securityDefinitions: { basic_sc: { scheme: 'basic', in: 'header' } }, security: 'basic_sc',
    actions: {
      getWeather: {
        description: 'Fetches weather information based on user input.', safe: true, idempotent: false, synchronous: true,
        input: { type: 'object', properties: { question: { type: 'string' } } }, output: { type: 'string' },
        forms: [{ op: 'invokeaction', href: 'https://weatherai.example.com/things/weather/actions/getWeather', contentType: 'application/json', 'htv:methodName': 'POST' }],
      },
    },
    events: { userFeedbackReceived: { data: { type: 'object' }, forms: [{ op: 'subscribeevent', href: 'https://weatherai.example.com/things/weather/events/userFeedbackReceived', contentType: 'application/json' }] } },
  }),
  JSON.stringify({
    '@context': ['https://www.w3.org/2022/wot/td/v1.1', { lmos: 'https://eclipse.dev/lmos/protocol/v1' }],
    id: 'chatagent', title: 'Chat Agent', '@type': ['Thing', 'lmos:Agent'], base: 'https://agents.example/chatagent/', version: { instance: '1.0.0' },
    metadata: { vendor: { name: 'Example' } }, securityDefinitions: { nosec: { scheme: 'nosec' } }, security: ['nosec'],
    actions: { chat: { forms: [{ href: 'actions/chat' }, { href: 'wss://agents.example/ws', subprotocol: 'lmosprotocol', op: ['invokeaction'] }] } },
    events: { agentEvent: { forms: [{ href: 'wss://agents.example/ws', subprotocol: 'lmosprotocol', op: ['subscribeevent', 'unsubscribeevent'] }] } },
    properties: { status: { type: 'string', readOnly: true, forms: [{ href: 'properties/status' }] } },
  }),
];

export const LLMS_TXT_SEEDS: string[] = [
  '# Demo Shop\n\n> A small shop for agents.\n\n## Docs\n\n- [API](https://shop.example/openapi.json): the API\n- [Agents](https://shop.example/.well-known/agents.json)\n',
];

export const X402_EXAMPLES = x402Examples;
