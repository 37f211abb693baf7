// A deterministic Agora agent (no language model) for the demo and the e2e tests: a café on its own
// loopback origin. It answers natural language with canned sentences, offers its "Coffee order"
// protocol document (served at /protocols/coffee-order.txt and inline as a data: URI), and serves
// requests that follow it. Wire shapes are the Python library's (agora/receiver/server.py): POST
// `{protocolHash, protocolSources, body, multiround?}` → `{status: "success", body}` or
// `{status: "error", message}`; it also lists its documents at GET /.wellknown (spec page).
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { COFFEE_ORDER_DOC, PRICES } from './documents';

export interface AgoraDemo {
  origin: string;
  endpoint: string;
  /** The document's hash as the library computes it (base64 SHA-1). */
  orderHash: string;
  /** Orders served, in order. */
  orders: { drink: string; quantity: number; name: string }[];
  /** Requests seen, "METHOD path" → count. */
  requests: Map<string, number>;
  close(): Promise<void>;
}

const libraryHash = (text: string) => createHash('sha1').update(text, 'utf8').digest('base64');
const dataUri = (text: string) => `data:text/plain;charset=utf-8,${encodeURIComponent(text)}`;

function page(origin: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Demo Café</title>
<link rel="agent-card" type="application/a2a-agent-card+json" href="/.well-known/agent-card.json"></head>
<body><h1>Demo Café</h1><p>Our agent takes orders in plain words, or by the Coffee order protocol at ${origin}/agora.</p></body></html>`;
}

function card(origin: string) {
  return {
    name: 'Demo Café Agent',
    description: 'Takes coffee orders for pickup. Speaks Agora: plain language first, then the Coffee order protocol.',
    supportedInterfaces: [{ url: `${origin}/agora`, protocolBinding: 'AGORA', protocolVersion: '0.2' }],
    provider: { organization: 'Emissary Demo Café', url: origin },
    version: '1.0.0',
    capabilities: { streaming: false, pushNotifications: false },
    defaultInputModes: ['text/plain'],
    defaultOutputModes: ['text/plain', 'application/json'],
    skills: [{ id: 'order', name: 'Order coffee', description: 'Espresso, latte or flat white, for pickup.', tags: ['coffee'] }],
  };
}

export async function startAgoraDemo(options: { port?: number; host?: string } = {}): Promise<AgoraDemo> {
  const host = options.host ?? '127.0.0.1';
  const requests = new Map<string, number>();
  const orders: AgoraDemo['orders'] = [];
  const orderHash = libraryHash(COFFEE_ORDER_DOC);
  const conversations = new Map<string, number>();
  let origin = '';

  const send = (res: ServerResponse, status: number, type: string, body: string) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'access-control-allow-origin': '*', 'access-control-allow-headers': 'content-type' });
    res.end(body);
  };
  const json = (res: ServerResponse, value: unknown) => send(res, 200, 'application/json', JSON.stringify(value));

  const offer = () => ({ protocolHash: orderHash, protocolSources: [`${origin}/protocols/coffee-order.txt`, dataUri(COFFEE_ORDER_DOC)] });

  function naturalLanguage(body: string): string {
    const text = body.toLowerCase();
    if (/tamper/.test(text)) {
      return `Here is a protocol, but its text does not match its name: ${JSON.stringify({ protocolHash: libraryHash('something else'), protocolSources: [`${origin}/protocols/coffee-order.txt`] })}`;
    }
    if (/order|coffee|latte|espresso|flat white/.test(text)) {
      return `I can take that order. We make espresso (2.50 USDC), latte (3.50 USDC) and flat white (3.75 USDC). To order without back-and-forth, use our Coffee order protocol: ${JSON.stringify(offer())}`;
    }
    return 'Hello from the Demo Café. I take coffee orders for pickup — tell me what you would like.';
  }

  function followProtocol(body: string): string {
    let req: { drink?: unknown; quantity?: unknown; name?: unknown };
    try {
      req = JSON.parse(body);
    } catch {
      return JSON.stringify({ error: 'The body must be a JSON object (see the Coffee order protocol).' });
    }
    const drink = typeof req.drink === 'string' ? req.drink : '';
    if (!(drink in PRICES)) return JSON.stringify({ error: `We do not make ${JSON.stringify(drink)}.` });
    if (!Number.isInteger(req.quantity) || (req.quantity as number) < 1 || (req.quantity as number) > 6) return JSON.stringify({ error: 'quantity must be 1 to 6.' });
    if (typeof req.name !== 'string' || !req.name.trim()) return JSON.stringify({ error: 'name is required.' });
    const quantity = req.quantity as number;
    orders.push({ drink, quantity, name: req.name });
    const cents = PRICES[drink] * quantity;
    return JSON.stringify({ orderId: `C-${1000 + orders.length}`, drink, quantity, total: `${(cents / 100).toFixed(2)} USDC`, pickup: 'in 5 minutes' });
  }

  function handle(req: IncomingMessage, res: ServerResponse, url: URL, raw: string) {
    if (req.method === 'OPTIONS') return send(res, 204, 'text/plain', '');
    if (url.pathname === '/' && req.method === 'GET') return send(res, 200, 'text/html; charset=utf-8', page(origin));
    if (url.pathname === '/.well-known/agent-card.json') return json(res, card(origin));
    if (url.pathname === '/.wellknown') return json(res, { [orderHash]: offer().protocolSources });
    if (url.pathname === '/protocols/coffee-order.txt') return send(res, 200, 'text/plain; charset=utf-8', COFFEE_ORDER_DOC);
    const conv = /^\/agora\/conversations\/([^/]+)$/.exec(url.pathname);
    if (conv && req.method === 'DELETE') {
      conversations.delete(decodeURIComponent(conv[1]));
      return json(res, { status: 'success' });
    }
    if ((url.pathname === '/agora' || conv) && req.method === 'POST') {
      let data: { protocolHash?: unknown; protocolSources?: unknown; body?: unknown; multiround?: unknown };
      try {
        data = JSON.parse(raw);
      } catch (err) {
        return json(res, { status: 'error', message: (err as Error).message });
      }
      if (typeof data.body !== 'string') return json(res, { status: 'error', message: "'body'" });
      if (conv) {
        const id = decodeURIComponent(conv[1]);
        if (!conversations.has(id)) return json(res, { status: 'error', message: 'Conversation not found.' });
        conversations.set(id, (conversations.get(id) ?? 0) + 1);
        return json(res, { status: 'success', body: naturalLanguage(data.body) });
      }
      let body: string;
      if (data.protocolHash === null || data.protocolHash === undefined) body = naturalLanguage(data.body);
      else if (data.protocolHash === orderHash) body = followProtocol(data.body);
      else return json(res, { status: 'error', message: 'Protocol rejected' });
      if (data.multiround === true) {
        const id = `conv-${conversations.size + 1}`;
        conversations.set(id, 1);
        return json(res, { status: 'success', conversationId: id, body });
      }
      return json(res, { status: 'success', body });
    }
    send(res, 404, 'text/plain', 'Not found');
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin || 'http://localhost');
    const key = `${req.method} ${url.pathname}`;
    requests.set(key, (requests.get(key) ?? 0) + 1);
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => handle(req, res, url, raw));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  origin = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    origin, endpoint: `${origin}/agora`, orderHash, orders, requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
