// ANP discovery pages and agent descriptions, against the ANP SDK fixtures and the spec examples
// in shared/specs/anp-vectors.
import { describe, expect, it } from 'vitest';
import { sharedText } from '../agents-json/corpus.fixture';
import { parseAnpAgentDescription } from './description';
import { parseAnpAgentDescriptions } from './descriptions';
import { parseOpenRpc } from './openrpc';
import { readAnpYamlInterface } from './yaml-interface';
import { parseYamlText } from '../agents-json/json';

const VECTORS = 'specs/anp-vectors';
const SITE = 'https://agent-network-protocol.com/.well-known/agent-descriptions';

describe('parseAnpAgentDescriptions', () => {
  it('reads the ANP-08 CollectionPage example and returns its next page', () => {
    const page = {
      '@context': { '@vocab': 'https://schema.org/', did: 'https://w3id.org/did#', ad: 'https://agent-network-protocol.com/ad#' },
      '@type': 'CollectionPage', url: SITE,
      items: [
        { '@type': 'ad:AgentDescription', name: 'Smart Assistant', '@id': 'https://agent-network-protocol.com/agents/smartassistant/ad.json' },
        { '@type': 'ad:AgentDescription', name: 'Relative', '@id': '/agents/relative/ad.json' },
      ],
      next: `${SITE}?page=2`,
    };
    const r = parseAnpAgentDescriptions(JSON.stringify(page), SITE);
    expect(r.detail).toEqual({
      url: SITE,
      items: [
        { url: 'https://agent-network-protocol.com/agents/smartassistant/ad.json', name: 'Smart Assistant', type: 'ad:AgentDescription' },
        { url: 'https://agent-network-protocol.com/agents/relative/ad.json', name: 'Relative', type: 'ad:AgentDescription' },
      ],
      next: `${SITE}?page=2`,
    });
    expect(r.problems.map((p) => p.message)).toEqual(['agent-descriptions: items[1]["@id"] "/agents/relative/ad.json" is relative; resolved against the document\'s URL']);
  });

  it('skips unusable items and refuses a next page on another site', () => {
    const page = { '@type': 'CollectionPage', items: [{ name: 'no id' }, { '@id': 'ftp://x/ad.json' }, 3], next: 'https://elsewhere.example/list?page=2' };
    const r = parseAnpAgentDescriptions(JSON.stringify(page), 'https://site.example/.well-known/agent-descriptions');
    expect(r.detail).toMatchObject({ items: [], next: null });
    expect(r.problems.map((p) => p.message)).toEqual([
      "agent-descriptions: items[0] has no '@id' (or 'url') naming its agent description; skipped",
      'agent-descriptions: items[1]["@id"] "ftp://x/ad.json" is not an https URL (ftp); not used',
      'agent-descriptions: items[2] must be an object, found a number; skipped',
      'agent-descriptions: next points at another site (https://elsewhere.example); pages are only followed on the same site',
      'agent-descriptions: items lists no agent descriptions',
    ]);
    expect(parseAnpAgentDescriptions('{"@type":"CollectionPage"}', SITE).problems.map((p) => [p.severity, p.message])).toEqual([
      ['error', 'agent-descriptions: items is missing; it is required'],
      ['warning', 'agent-descriptions: items lists no agent descriptions'],
    ]);
  });
});

describe('parseAnpAgentDescription', () => {
  it('reads the ANP-07 v1.1 SDK fixture: interfaces of every kind, human authorization, proof', () => {
    const r = parseAnpAgentDescription(sharedText(`${VECTORS}/agent-description/test_data_agent_description.json`), 'https://grand-hotel.com/agents/hotel-assistant/ad.json');
    expect(r.problems).toEqual([]);
    expect(r.signed).toBe(true);
    expect(r.summary).toMatchObject({ name: 'Grand Hotel Assistant', version: '1.0.0', counts: { interfaces: 5, informations: 4 } });
    const d = r.detail;
    expect(d).toMatchObject({
      shape: 'anp-1.x', protocolVersion: '1.0.0', did: 'did:wba:grand-hotel.com:service:hotel-assistant',
      owner: { name: 'Grand Hotel Management Group', url: 'https://grand-hotel.com' },
      securityDefinitions: [{ name: 'didwba_sc', scheme: 'didwba', in: 'header', parameterName: 'Authorization' }], security: 'didwba_sc',
      humanAuthorization: true, proofVerified: false,
      proof: { type: 'EcdsaSecp256r1Signature2019', verificationMethod: 'did:wba:grand-hotel.com:service:hotel-assistant#keys-1', challenge: '1235abcd6789' },
    });
    expect(d?.interfaces.map((i) => [i.kind, i.protocol, i.humanAuthorization])).toEqual([
      ['natural-language', 'YAML', false], ['structured', 'YAML', true], ['structured', 'openrpc', false], ['structured', 'MCP', false], ['structured', 'WebRTC', false],
    ]);
    expect(d?.informations[3]).toEqual({ type: 'VideoObject', description: expect.stringContaining('virtual tour'), url: 'https://grand-hotel.com/media/hotel-tour-video.mp4' });
  });

  it('reads an embedded OpenRPC interface (SDK fixture)', () => {
    const r = parseAnpAgentDescription(sharedText(`${VECTORS}/agent-description/test_data_embedded_openrpc.json`), 'https://hotel-services.com/ad.json');
    expect(r.problems).toEqual([]);
    expect(r.detail?.interfaces[0]).toMatchObject({ kind: 'structured', protocol: 'openrpc', inline: true, url: null, methods: ['checkAvailability', 'createBooking'] });
  });

  it('reads the deprecated JSON-LD shape (spec example hotel/ad.json)', () => {
    const r = parseAnpAgentDescription(sharedText(`${VECTORS}/spec-examples/hotel/ad.json`), 'https://service.agent-network-protocol.com/agents/sheraton-chuzhou-hotel/ad.json');
    expect(r.problems).toEqual([]);
    expect(r.signed).toBe(false);
    expect(r.detail).toMatchObject({
      shape: 'json-ld', name: 'Hotel Booking Agent', version: '1.0.0', security: 'didwba_sc', url: 'https://service.agent-network-protocol.com/agents/sheraton-chuzhou-hotel/ad.json',
      owner: { name: 'Hotel Chain Group', url: 'https://example-hotel-group.com' },
    });
    expect(r.detail?.interfaces.map((i) => [i.kind, i.type])).toEqual([['structured', 'SearchInterface'], ['structured', 'BookingInterface'], ['natural-language', 'NaturalLanguageInterface']]);
  });

  it('checks proof.domain against the host the description came from', () => {
    const ad = { protocolType: 'ANP', protocolVersion: '1.0.0', type: 'AgentDescription', name: 'A', securityDefinitions: {}, security: 'x', interfaces: [{ type: 'NaturalLanguageInterface', protocol: 'YAML', url: 'https://a.example/nl.yaml' }], proof: { type: 'EcdsaSecp256r1Signature2019', domain: 'other.example', proofValue: 'z1' } };
    const r = parseAnpAgentDescription(JSON.stringify(ad), 'https://a.example/ad.json');
    expect(r.problems.map((p) => [p.severity, p.message])).toEqual([
      ['warning', "ad.json: security names 'x', which securityDefinitions does not define"],
      ['error', "ad.json: proof.domain 'other.example' is not a.example, where this description came from: the proof was made for another site"],
      ['warning', 'ad.json: proof.challenge is missing; ANP-07 requires it when a domain is given'],
    ]);
  });

  it('says what is missing in a bare description', () => {
    const r = parseAnpAgentDescription('{"type":"AgentDescription","interfaces":[{"type":"StructuredInterface"}]}', 'https://a.example/agents/x/ad.json');
    expect(r.detail).toBeNull();
    expect(r.problems.map((p) => p.message)).toEqual([
      "x/ad.json: protocolType is not 'ANP'",
      'x/ad.json: protocolVersion is missing (the specification requires it)',
      'x/ad.json: name is missing; it is required',
      'x/ad.json: securityDefinitions is missing (the specification requires it)',
      'x/ad.json: security is missing (the specification requires it)',
      'x/ad.json: interfaces[0].protocol is missing (the specification requires it)',
      "x/ad.json: interfaces[0] has neither a 'url' nor an embedded 'content'; nothing to call",
    ]);
  });
});

describe('ANP interface documents', () => {
  it('summarises the standalone OpenRPC SDK fixture', () => {
    const r = parseOpenRpc(sharedText(`${VECTORS}/agent-description/test_data_openrpc.json`), 'https://grand-hotel.com/api/services-interface.json');
    expect(r.problems).toEqual([]);
    expect(r.summary).toMatchObject({ name: 'Grand Hotel Services API', version: '1.0.0', counts: { methods: 2, servers: 1 }, links: ['https://grand-hotel.com/api/v1/jsonrpc'] });
    expect(r.detail).toMatchObject({ openrpc: '1.3.2', anp: true, methods: [{ name: 'searchRooms', params: [{ name: 'searchCriteria', required: true }] }, {}] });
  });

  it('summarises the older YAML interface files of the hotel example', () => {
    const tree = parseYamlText(sharedText(`${VECTORS}/spec-examples/hotel/api/booking-interface.yaml`), 'booking-interface.yaml');
    const r = readAnpYamlInterface(tree.ok ? tree.value : null, 'https://h.example/api/booking-interface.yaml');
    expect(r.problems).toEqual([]);
    expect(r.detail).toMatchObject({ type: 'Booking', version: '1.0', endpoints: [{ name: 'Booking', method: 'POST', path: '/agents/hotel/api/booking' }] });
  });
});
