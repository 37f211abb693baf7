// The ANP demo: two agent sites on their own ports and a DID host.
// - Grand Hotel (ANP-07 plain description): natural-language interface, an OpenRPC search interface,
//   an OpenRPC booking interface that requires human authorization, an ANP-06 negotiation endpoint;
//   its verifier accepts RFC 9421 signatures on server-issued challenge nonces only.
// - City Museum (the older JSON-LD `ad:` description, embedded OpenRPC): speaks only the legacy
//   DIDWba Authorization header.
// - DID host: where Emissary publishes the user's e1 DID documents (PUT, accepted only when the
//   document verifies for the DID its path names).
// Every request is counted per site, method, path and status.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sha256 } from '@noble/hashes/sha2.js';
import { base64urlnopad } from '@scure/base';
import canonicalize from 'canonicalize';
import { agentDidDocument, checkDidDocument, fingerprint } from './did-docs';
import { createVerifier, type Verdict } from './verifier';
import { ed25519 } from '@noble/curves/ed25519.js';

export type AnpSite = 'hotel' | 'museum' | 'didhost';

export interface AnpDemo {
  origins: Record<AnpSite, string>;
  /** "site METHOD /path status" → count. */
  requests: Map<string, number>;
  count(site: AnpSite, filter?: (key: string) => boolean): number;
  /** The DIDs each agent site authenticated, in order. */
  seenDids: Record<'hotel' | 'museum', string[]>;
  hotelDid: string;
  museumDid: string;
  bookings: Array<{ did: string; room: string; guest: string }>;
  close(): Promise<void>;
}

const send = (res: ServerResponse, status: number, type: string, body: string, extra: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'access-control-allow-origin': '*', ...extra });
  res.end(body);
};
const json = (res: ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}) => send(res, status, 'application/json', JSON.stringify(value, null, 2), extra);

function readBody(req: IncomingMessage): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
  });
}

const page = (title: string, text: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`;

const ROOMS = [
  { id: 'std-1', type: 'standard', price: '120.00 EUR' },
  { id: 'dlx-2', type: 'deluxe', price: '210.00 EUR' },
  { id: 'ste-3', type: 'suite', price: '380.00 EUR' },
];

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

export async function startAnpDemo(options: { host?: string; ports?: Partial<Record<AnpSite, number>> } = {}): Promise<AnpDemo> {
  // did:wba forbids IP literals, so the demo DIDs name localhost: listen on both loopback families.
  const host = options.host ?? '::';
  const requests = new Map<string, number>();
  const seenDids: AnpDemo['seenDids'] = { hotel: [], museum: [] };
  const bookings: AnpDemo['bookings'] = [];
  const didDocs = new Map<string, unknown>(); // path → document (DID host)
  const servers: Record<AnpSite, Server> = { hotel: createServer(), museum: createServer(), didhost: createServer() };
  const ports = {} as Record<AnpSite, number>;
  for (const site of ['hotel', 'museum', 'didhost'] as AnpSite[]) ports[site] = await listen(servers[site], options.ports?.[site] ?? 0, host);
  const origin = (site: AnpSite) => `http://localhost:${ports[site]}`;
  const origins = { hotel: origin('hotel'), museum: origin('museum'), didhost: origin('didhost') };

  // Fixed demo keys: the sites' DIDs stay the same across runs.
  const hotelSecret = sha256(new TextEncoder().encode('anp demo hotel key'));
  const museumSecret = sha256(new TextEncoder().encode('anp demo museum key'));
  const hotelBase = `${origins.hotel}/agents/hotel`;
  const hotelDoc = agentDidDocument(origins.hotel, ['agents', 'hotel'], hotelSecret, [{ id: '#ad', type: 'AgentDescription', serviceEndpoint: `${hotelBase}/ad.json` }]);
  const museumDoc = agentDidDocument(origins.museum, ['agents', 'museum'], museumSecret, [{ id: '#ad', type: 'AgentDescription', serviceEndpoint: `${origins.museum}/agents/museum/ad.json` }]);
  const hotelFp = fingerprint(ed25519.getPublicKey(hotelSecret));
  const museumFp = fingerprint(ed25519.getPublicKey(museumSecret));

  const hotelVerifier = createVerifier({ realm: `localhost:${ports.hotel}`, challengeOnly: true });
  const museumVerifier = createVerifier({ realm: `localhost:${ports.museum}`, legacyOnly: true });

  const count = (site: AnpSite, req: IncomingMessage, url: URL, status: number) => {
    const key = `${site} ${req.method} ${url.pathname} ${status}`;
    requests.set(key, (requests.get(key) ?? 0) + 1);
  };

  const hotelAd = {
    protocolType: 'ANP', protocolVersion: '1.0.0', type: 'AgentDescription', url: `${hotelBase}/ad.json`,
    name: 'Grand Hotel Assistant', did: hotelDoc.id,
    owner: { type: 'Organization', name: 'Grand Hotel Demo Ltd.', url: origins.hotel },
    description: 'Answers questions about the hotel, searches free rooms and books them.',
    created: '2026-11-25T00:00:00Z',
    securityDefinitions: { didwba_sc: { scheme: 'didwba', in: 'header', name: 'Authorization' } },
    security: 'didwba_sc',
    Infomations: [{ type: 'Information', description: 'Rooms, prices and house rules', url: `${hotelBase}/info.json` }],
    interfaces: [
      { id: 'interface.conversation.nl', type: 'NaturalLanguageInterface', protocol: 'YAML', version: '1.0', url: `${hotelBase}/nl-interface.yaml`, description: 'Ask the hotel anything in plain words.' },
      { id: 'interface.search.structured', type: 'StructuredInterface', protocol: 'openrpc', version: '1.0', url: `${hotelBase}/search.openrpc.json`, description: 'Search free rooms.' },
      { id: 'interface.booking.structured', type: 'StructuredInterface', protocol: 'openrpc', version: '1.0', url: `${hotelBase}/booking.openrpc.json`, description: 'Book a room.', humanAuthorization: true },
      { id: 'interface.negotiation', type: 'MetaProtocolInterface', protocol: 'ANP', version: '1.0', profile: 'anp.meta.negotiation.v1', binding: 'jsonrpc-2.0', url: `${hotelBase}/anp`, methods: ['anp.get_capabilities', 'anp.negotiate'], securityProfiles: ['transport-protected'], negotiates: ['interfaces', 'execution_modes'] },
    ],
  };
  const openrpc = (title: string, server: string, methods: unknown[]) => ({
    openrpc: '1.3.2', info: { title, version: '1.0.0', 'x-anp-protocol-type': 'ANP', 'x-anp-protocol-version': '1.0.0' },
    security: [{ didwba: [] }], servers: [{ name: 'Demo', url: server }], methods,
    components: { securitySchemes: { didwba: { type: 'http', scheme: 'bearer', bearerFormat: 'DID-WBA' } } },
  });
  const searchRpc = openrpc('Grand Hotel search', `${hotelBase}/rpc`, [{
    name: 'searchRooms', summary: 'Search free rooms',
    params: [{ name: 'criteria', required: true, schema: { type: 'object', required: ['checkIn', 'nights', 'guests'], properties: {
      checkIn: { type: 'string', format: 'date', description: 'Arrival day (YYYY-MM-DD)' },
      nights: { type: 'integer', minimum: 1, maximum: 14, description: 'Number of nights' },
      guests: { type: 'integer', minimum: 1, maximum: 4 },
      roomType: { type: 'string', enum: ['standard', 'deluxe', 'suite'] },
    } } }],
    result: { name: 'rooms', schema: { type: 'object' } },
  }]);
  const bookingRpc = openrpc('Grand Hotel booking', `${hotelBase}/booking`, [{
    name: 'bookRoom', summary: 'Book a room (needs your approval)',
    params: [{ name: 'roomId', required: true, schema: { type: 'string', enum: ROOMS.map((r) => r.id) } }, { name: 'guestName', required: true, schema: { type: 'string' } }],
    result: { name: 'booking', schema: { type: 'object' } },
  }]);
  const nlYaml = `interface:\n  type: NaturalLanguage\n  description: "Ask the Grand Hotel assistant in plain words."\n  version: "1.0"\n  endpoints:\n    - name: "askQuestion"\n      description: "Ask a question and get an answer in plain words."\n      method: "POST"\n      path: "/agents/hotel/ask"\n      parameters:\n        - name: "question"\n          type: "string"\n          required: true\n      response:\n        type: "string"\n`;

  const museumAd = {
    '@context': { '@vocab': 'https://schema.org/', did: 'https://w3id.org/did#', ad: 'https://service.agent-network-protocol.com/ad#' },
    '@type': 'ad:AgentDescription', '@id': `${origins.museum}/agents/museum/ad.json`,
    name: 'City Museum Guide', did: museumDoc.id,
    owner: { '@type': 'Organization', name: 'City Museum Demo', '@id': origins.museum },
    description: 'Knows the exhibitions of the City Museum.', version: '0.9',
    'ad:securityDefinitions': { didwba_sc: { scheme: 'didwba', in: 'header', name: 'Authorization' } }, 'ad:security': 'didwba_sc',
    'ad:interfaces': [
      { '@type': 'ad:StructuredInterface', protocol: 'openrpc', description: 'Exhibitions', content: openrpc('Museum', `${origins.museum}/agents/museum/rpc`, [{ name: 'listExhibitions', summary: 'What is on', params: [{ name: 'month', required: false, schema: { type: 'string', description: 'YYYY-MM' } }], result: { name: 'exhibitions', schema: { type: 'array' } } }]) },
    ],
  };

  async function guard(site: 'hotel' | 'museum', req: IncomingMessage, res: ServerResponse, url: URL, body: Uint8Array): Promise<string | null> {
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const verdict: Verdict = await (site === 'hotel' ? hotelVerifier : museumVerifier).verify({ method: req.method ?? 'GET', url: `${origins[site]}${url.pathname}${url.search}`, headers, body });
    if (!verdict.ok) {
      count(site, req, url, verdict.status);
      json(res, verdict.status, { code: verdict.status, error: verdict.error, error_description: verdict.description }, verdict.headers);
      return null;
    }
    seenDids[site].push(verdict.did);
    res.setHeader('access-control-expose-headers', 'authentication-info');
    for (const [k, v] of Object.entries(verdict.headers)) res.setHeader(k, v);
    return verdict.did;
  }

  const rpcReply = (id: unknown, result: unknown) => ({ jsonrpc: '2.0', id, result });
  const rpcError = (id: unknown, code: number, message: string, data?: unknown) => ({ jsonrpc: '2.0', id, error: { code, message, ...(data ? { data } : {}) } });

  servers.hotel.on('request', async (req, res) => {
    const url = new URL(req.url ?? '/', origins.hotel);
    const p = url.pathname;
    const body = await readBody(req);
    const done = (status: number) => count('hotel', req, url, status);
    if (req.method === 'GET') {
      const docs: Record<string, (() => [string, string]) | undefined> = {
        '/': () => ['text/html; charset=utf-8', page('Grand Hotel (ANP demo)', 'Our assistant speaks ANP: ask it, search rooms, book one.')],
        '/.well-known/agent-descriptions': () => ['application/ld+json', JSON.stringify({ '@context': { '@vocab': 'https://schema.org/', ad: 'https://agent-network-protocol.com/ad#' }, '@type': 'CollectionPage', url: `${origins.hotel}/.well-known/agent-descriptions`, items: [{ '@type': 'ad:AgentDescription', name: hotelAd.name, '@id': hotelAd.url }] })],
        '/agents/hotel/ad.json': () => ['application/json', JSON.stringify(hotelAd)],
        [`/agents/hotel/${hotelFp}/did.json`]: () => ['application/did+json', JSON.stringify(hotelDoc)],
        '/agents/hotel/search.openrpc.json': () => ['application/json', JSON.stringify(searchRpc)],
        '/agents/hotel/booking.openrpc.json': () => ['application/json', JSON.stringify(bookingRpc)],
        '/agents/hotel/nl-interface.yaml': () => ['application/yaml', nlYaml],
        '/agents/hotel/info.json': () => ['application/json', JSON.stringify({ rooms: ROOMS.length, checkIn: '15:00' })],
      };
      const doc = docs[p];
      done(doc ? 200 : 404);
      return doc ? send(res, 200, ...doc()) : send(res, 404, 'text/plain', 'not found');
    }
    if (req.method !== 'POST') return done(405), send(res, 405, 'text/plain', 'method not allowed');
    const did = await guard('hotel', req, res, url, body);
    if (!did) return;
    done(200);
    let msg: { id?: unknown; method?: string; params?: Record<string, unknown>; question?: string };
    try {
      msg = JSON.parse(new TextDecoder().decode(body)) as typeof msg;
    } catch {
      return json(res, 200, rpcError(null, -32700, 'Parse error'));
    }
    if (p === '/agents/hotel/ask') {
      const q = String(msg.question ?? '').slice(0, 500);
      const answer = /breakfast/i.test(q) ? 'Breakfast is served from 7 to 10 in the garden room.' : /room|free|book/i.test(q) ? `We have ${ROOMS.length} rooms free tonight, from ${ROOMS[0].price}.` : `Hello! You asked: "${q}". I can tell you about rooms, breakfast and check-in (15:00).`;
      return json(res, 200, { answer, you: did });
    }
    if (p === '/agents/hotel/rpc' && msg.method === 'searchRooms') {
      const c = (msg.params?.criteria ?? {}) as Record<string, unknown>;
      const rooms = ROOMS.filter((r) => !c.roomType || r.type === c.roomType);
      return json(res, 200, rpcReply(msg.id, { checkIn: c.checkIn, nights: c.nights, rooms, total: rooms.length }));
    }
    if (p === '/agents/hotel/booking' && msg.method === 'bookRoom') {
      const room = ROOMS.find((r) => r.id === msg.params?.roomId);
      if (!room) return json(res, 200, rpcError(msg.id, -32602, 'Unknown room'));
      bookings.push({ did, room: room.id, guest: String(msg.params?.guestName ?? '').slice(0, 100) });
      return json(res, 200, rpcReply(msg.id, { confirmation: `GH-${bookings.length.toString().padStart(4, '0')}`, room: room.id, price: room.price }));
    }
    if (p === '/agents/hotel/anp' && msg.method === 'anp.get_capabilities') {
      return json(res, 200, rpcReply(msg.id, { profiles: ['anp.meta.negotiation.v1', 'anp.rpc.v1'], securityProfiles: ['transport-protected'], contentTypes: ['application/json'] }));
    }
    if (p === '/agents/hotel/anp' && msg.method === 'anp.negotiate') {
      const b = ((msg.params ?? {}) as { body?: Record<string, unknown>; meta?: Record<string, unknown> });
      if (b.meta?.profile !== 'anp.meta.negotiation.v1') return json(res, 200, rpcError(msg.id, 1603, 'Unsupported profile', { anp_code: 'meta.unsupported_candidate_profile' }));
      if (b.body?.mode !== 'structured_selection') return json(res, 200, rpcError(msg.id, 1602, 'Unsupported negotiation mode', { anp_code: 'meta.unsupported_negotiation_mode' }));
      const tags = ((b.body?.intent as { intentTags?: string[] } | undefined)?.intentTags ?? []).join(' ');
      const booking = /book/.test(tags);
      const iface = hotelAd.interfaces.find((i) => i.id === (booking ? 'interface.booking.structured' : /search/.test(tags) ? 'interface.search.structured' : 'interface.conversation.nl'))!;
      const result: Record<string, unknown> = {
        negotiationId: String(b.body?.negotiation_id ?? ''), status: 'accepted',
        selected: { capability: booking ? 'cap.hotel.booking' : 'cap.hotel.search', interface: iface.id, protocol: iface.protocol, profile: iface.type === 'NaturalLanguageInterface' ? 'anp.nl.v1' : 'anp.rpc.v1', securityProfile: 'transport-protected', contentType: 'application/json', url: iface.url },
        execution: { mode: iface.type === 'NaturalLanguageInterface' ? 'natural_language' : 'direct_structured_call', requiresHumanAuthorization: booking, timeoutMs: 3000 },
        validUntil: new Date(Date.now() + 10 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      };
      result.negotiationDigest = `sha-256:${base64urlnopad.encode(sha256(new TextEncoder().encode(canonicalize(result) as string)))}`;
      return json(res, 200, rpcReply(msg.id, result));
    }
    return json(res, 200, rpcError(msg.id ?? null, -32601, 'Method not found'));
  });

  servers.museum.on('request', async (req, res) => {
    const url = new URL(req.url ?? '/', origins.museum);
    const p = url.pathname;
    const body = await readBody(req);
    const done = (status: number) => count('museum', req, url, status);
    if (req.method === 'GET') {
      const docs: Record<string, (() => [string, string]) | undefined> = {
        '/': () => ['text/html; charset=utf-8', page('City Museum (ANP demo)', 'Ask our guide agent what is on.')],
        '/.well-known/agent-descriptions': () => ['application/json', JSON.stringify({ '@type': 'CollectionPage', items: [{ '@type': 'ad:AgentDescription', name: museumAd.name, '@id': museumAd['@id'] }] })],
        '/agents/museum/ad.json': () => ['application/json', JSON.stringify(museumAd)],
        [`/agents/museum/${museumFp}/did.json`]: () => ['application/did+json', JSON.stringify(museumDoc)],
      };
      const doc = docs[p];
      done(doc ? 200 : 404);
      return doc ? send(res, 200, ...doc()) : send(res, 404, 'text/plain', 'not found');
    }
    const did = await guard('museum', req, res, url, body);
    if (!did) return;
    done(200);
    const msg = JSON.parse(new TextDecoder().decode(body) || '{}') as { id?: unknown; method?: string };
    if (p === '/agents/museum/rpc' && msg.method === 'listExhibitions') return json(res, 200, rpcReply(msg.id, [{ title: 'Light and Water', until: '2027-01-31' }, { title: 'Clocks of the City', until: '2027-03-15' }]));
    return json(res, 200, rpcError(msg.id ?? null, -32601, 'Method not found'));
  });

  servers.didhost.on('request', async (req, res) => {
    const url = new URL(req.url ?? '/', origins.didhost);
    const p = url.pathname;
    const body = await readBody(req);
    const done = (status: number) => count('didhost', req, url, status);
    const m = /^\/users\/(e1_[A-Za-z0-9_-]{43})\/did\.json$/.exec(p);
    if (req.method === 'OPTIONS') return done(204), send(res, 204, 'text/plain', '', { 'access-control-allow-methods': 'GET, PUT', 'access-control-allow-headers': 'content-type' });
    if (req.method === 'GET') {
      if (p === '/') return done(200), send(res, 200, 'text/html; charset=utf-8', page('DID host (ANP demo)', 'Publishes did:wba documents under /users/.'));
      const doc = didDocs.get(p);
      done(doc ? 200 : 404);
      return doc ? json(res, 200, doc, { 'content-type': 'application/did+json' }) : send(res, 404, 'text/plain', 'not found');
    }
    if (req.method === 'PUT' && m) {
      const did = `did:wba:localhost%3A${ports.didhost}:users:${m[1]}`;
      let doc: unknown;
      try {
        doc = JSON.parse(new TextDecoder().decode(body));
      } catch {
        return done(400), json(res, 400, { error: 'not JSON' });
      }
      let check: ReturnType<typeof checkDidDocument>;
      try {
        check = checkDidDocument(did, doc);
      } catch (err) {
        check = { ok: false, why: (err as Error).message };
      }
      if (!check.ok) return done(422), json(res, 422, { error: check.why });
      didDocs.set(p, doc);
      return done(201), json(res, 201, { published: did });
    }
    done(404);
    send(res, 404, 'text/plain', 'not found');
  });

  return {
    origins, requests, seenDids, bookings, hotelDid: hotelDoc.id, museumDid: museumDoc.id,
    count: (site, filter) => [...requests].filter(([k]) => k.startsWith(`${site} `) && (!filter || filter(k))).reduce((n, [, v]) => n + v, 0),
    close: async () => {
      for (const s of Object.values(servers)) s.closeAllConnections();
      await Promise.all(Object.values(servers).map((s) => new Promise<void>((r) => s.close(() => r()))));
    },
  };
}
