// A2A agent cards: the v1.0 sample of spec §8.5, a v0.3 card, a v0.1 card, and broken ones.
import { describe, expect, it } from 'vitest';
import { parseA2aAgentCard } from './card';

const URL_V1 = 'https://georoute-agent.example.com/.well-known/agent-card.json';
const b64url = (s: string) => Buffer.from(s).toString('base64url');

// Spec §8.5 (trimmed in discovery.md §2.2), with a decodable protected header.
const V1 = {
  name: 'GeoSpatial Route Planner Agent', description: 'Provides advanced route planning.',
  supportedInterfaces: [
    { url: 'https://georoute-agent.example.com/a2a/v1', protocolBinding: 'JSONRPC', protocolVersion: '1.0' },
    { url: 'https://georoute-agent.example.com/a2a/grpc', protocolBinding: 'GRPC', protocolVersion: '1.0' },
  ],
  provider: { organization: 'Example Geo Services Inc.', url: 'https://www.examplegeoservices.com' },
  version: '1.2.0', capabilities: { streaming: true, pushNotifications: true, extendedAgentCard: true },
  securitySchemes: { google: { openIdConnectSecurityScheme: { openIdConnectUrl: 'https://accounts.google.com/.well-known/openid-configuration' } } },
  securityRequirements: [{ schemes: { google: { list: ['openid', 'profile', 'email'] } } }],
  defaultInputModes: ['application/json', 'text/plain'], defaultOutputModes: ['application/json', 'image/png'],
  skills: [{ id: 'route-optimizer-traffic', name: 'Traffic-Aware Route Optimizer', description: 'Calculates the optimal route.', tags: ['maps', 'routing'], examples: ['Plan a route from A to B'] }],
  signatures: [{ protected: b64url(JSON.stringify({ alg: 'ES256', typ: 'JOSE', kid: 'key-1', jku: 'https://georoute-agent.example.com/jwks.json' })), signature: 'QFdkNLNs' }],
};

const V03 = {
  protocolVersion: '0.3.0', name: 'Currency Agent', description: 'Converts currencies', url: 'https://currency.example/a2a',
  preferredTransport: 'JSONRPC', additionalInterfaces: [{ url: 'https://currency.example/a2a/rest', transport: 'HTTP+JSON' }, { url: 'https://currency.example/a2a', transport: 'JSONRPC' }],
  version: '1.0.0', capabilities: { streaming: false, stateTransitionHistory: true }, supportsAuthenticatedExtendedCard: true,
  securitySchemes: { apikey: { type: 'apiKey', in: 'header', name: 'X-API-Key' }, oauth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://currency.example/token', scopes: {} } } } },
  security: [{ apikey: [] }, { oauth: ['convert'] }],
  defaultInputModes: ['text/plain'], defaultOutputModes: ['text/plain'],
  skills: [{ id: 'convert', name: 'Convert', description: 'Convert an amount', tags: ['fx'] }],
};

function messages(text: string, url = URL_V1): string[] {
  return parseA2aAgentCard(text, url).problems.map((p) => p.message);
}

describe('parseA2aAgentCard', () => {
  it('reads the v1.0 sample card completely, and says it is signed but not verified', () => {
    const r = parseA2aAgentCard(JSON.stringify(V1), URL_V1);
    expect(r.problems).toEqual([]);
    expect(r.signed).toBe(true);
    expect(r.summary).toEqual({
      name: 'GeoSpatial Route Planner Agent', description: 'Provides advanced route planning.', version: '1.2.0',
      counts: { skills: 1, interfaces: 2 }, links: ['https://georoute-agent.example.com/a2a/v1', 'https://georoute-agent.example.com/a2a/grpc'],
    });
    expect(r.detail).toMatchObject({
      generation: '1.0', protocolVersion: null,
      interfaces: [{ url: 'https://georoute-agent.example.com/a2a/v1', binding: 'JSONRPC', protocolVersion: '1.0' }, { binding: 'GRPC' }],
      provider: { organization: 'Example Geo Services Inc.', url: 'https://www.examplegeoservices.com/' },
      capabilities: { streaming: true, pushNotifications: true, extendedAgentCard: true, stateTransitionHistory: false, extensions: [] },
      skills: [{ id: 'route-optimizer-traffic', tags: ['maps', 'routing'], examples: ['Plan a route from A to B'], inputModes: [] }],
      securitySchemes: [{ name: 'google', type: 'openIdConnect', openIdConnectUrl: 'https://accounts.google.com/.well-known/openid-configuration' }],
      securityRequirements: [{ google: ['openid', 'profile', 'email'] }],
      signatures: [{ alg: 'ES256', kid: 'key-1', jku: 'https://georoute-agent.example.com/jwks.json', typ: 'JOSE' }],
      signatureVerified: false,
    });
  });

  it('maps a v0.3 card to the v1.0 record the way a2a-python does', () => {
    const r = parseA2aAgentCard(JSON.stringify(V03), 'https://currency.example/.well-known/agent-card.json');
    expect(r.problems).toEqual([]);
    expect(r.signed).toBe(false);
    expect(r.detail).toMatchObject({
      generation: '0.3', protocolVersion: '0.3.0',
      interfaces: [
        { url: 'https://currency.example/a2a', binding: 'JSONRPC', protocolVersion: '0.3.0' },
        { url: 'https://currency.example/a2a/rest', binding: 'HTTP+JSON', protocolVersion: '0.3.0' },
      ],
      capabilities: { extendedAgentCard: true, stateTransitionHistory: true },
      securitySchemes: [{ name: 'apikey', type: 'apiKey', location: 'header', parameterName: 'X-API-Key' }, { name: 'oauth', type: 'oauth2', flows: ['clientCredentials'] }],
      securityRequirements: [{ apikey: [] }, { oauth: ['convert'] }],
    });
    expect(r.summary.counts).toEqual({ skills: 1, interfaces: 2 });
  });

  it('reads a v0.1 card (agent.json, authentication object) with only the fields it had', () => {
    const card = { name: 'Old Agent', url: 'https://old.example/a2a', version: '0.1', capabilities: {}, skills: [], authentication: { schemes: ['Bearer'] } };
    const r = parseA2aAgentCard(JSON.stringify(card), 'https://old.example/.well-known/agent.json');
    expect(r.detail).toMatchObject({ generation: '0.1', securitySchemes: [{ name: 'Bearer', type: 'http', scheme: 'bearer' }] });
    expect(r.problems).toEqual([]);
  });

  it('names each missing skill field, by index', () => {
    const card = { ...V1, signatures: undefined, skills: [V1.skills[0], { name: 'No id', description: 'x', tags: [] }, { id: 'bare' }, 'junk'] };
    expect(messages(JSON.stringify(card))).toEqual([
      'agent-card.json: skills[1].id is missing (the specification requires it)',
      'agent-card.json: skills[2].name is missing (the specification requires it)',
      'agent-card.json: skills[2].description is missing (the specification requires it)',
      'agent-card.json: skills[2].tags is missing (the specification requires it)',
      'agent-card.json: skills[3] must be an object, found a string; skipped',
    ]);
    expect(parseA2aAgentCard(JSON.stringify(card), URL_V1).summary.counts.skills).toBe(3);
  });

  it('refuses a card with no reachable endpoint, and endpoints that are not https', () => {
    const r = parseA2aAgentCard(JSON.stringify({ ...V1, signatures: [], supportedInterfaces: [{ url: 'http://georoute.example/a2a', protocolBinding: 'JSONRPC', protocolVersion: '1.0' }] }), URL_V1);
    expect(r.problems.map((p) => [p.severity, p.message])).toEqual([
      ['warning', 'agent-card.json: supportedInterfaces[0].url "http://georoute.example/a2a" is not an https URL (http); not used'],
      ['error', 'agent-card.json: supportedInterfaces gives no endpoint Emissary can reach, so this agent cannot be contacted'],
    ]);
    expect(messages(JSON.stringify({ protocolVersion: '0.3.0', name: 'x', description: 'd', version: '1', capabilities: {}, defaultInputModes: [], defaultOutputModes: [], skills: [] }), URL_V1))
      .toEqual(['agent-card.json: url is missing; it is required', 'agent-card.json: url gives no endpoint Emissary can reach, so this agent cannot be contacted']);
  });

  it('warns about untrustworthy signature algorithms and undecodable headers', () => {
    const card = { ...V1, signatures: [{ protected: b64url(JSON.stringify({ alg: 'none' })), signature: '' }, { protected: b64url(JSON.stringify({ alg: 'HS256', kid: 'k' })), signature: 'x' }, { protected: '%%%', signature: 'x' }] };
    expect(messages(JSON.stringify(card))).toEqual([
      'agent-card.json: signatures[0].signature is empty (the specification requires it)',
      "agent-card.json: signatures[1].protected uses the algorithm 'HS256', which Emissary will not trust (allowed: ES256, ES384, EdDSA, PS256, PS384, RS256)",
      'agent-card.json: signatures[2].protected is not a base64url-encoded JSON header; the signature cannot be checked',
    ]);
  });

  it('reports wrong types plainly and never throws', () => {
    expect(messages(JSON.stringify({ name: 42, supportedInterfaces: 'x', skills: {}, capabilities: [] }))).toEqual([
      'agent-card.json: name must be a string, found a number; ignored',
      'agent-card.json: description is missing (the specification requires it)',
      'agent-card.json: version is missing (the specification requires it)',
      'agent-card.json: supportedInterfaces must be an array, found a string; ignored',
      'agent-card.json: supportedInterfaces gives no endpoint Emissary can reach, so this agent cannot be contacted',
      'agent-card.json: skills must be an array, found an object; ignored',
      'agent-card.json: capabilities must be an object, found an array; ignored',
      'agent-card.json: defaultInputModes is missing (the specification requires it)',
      'agent-card.json: defaultOutputModes is missing (the specification requires it)',
    ]);
    expect(parseA2aAgentCard('[]', URL_V1).problems.map((p) => p.message)).toEqual(['agent-card.json: must be a JSON object, found an array']);
    expect(parseA2aAgentCard('{"name":', URL_V1).problems[0].message).toMatch(/^agent-card\.json: is not valid JSON/);
    expect(parseA2aAgentCard(`{"name":"${'\u202e'.repeat(3)}Evil"}`, URL_V1).summary.name).toBe('Evil');
  });
});
