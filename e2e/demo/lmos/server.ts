// A demo LMOS agent on its own loopback origin: the Thing Description at /.well-known/wot (and
// linked from the page), the HTTP binding of kotlin-wot (POST actions, GET properties), and the
// lmosprotocol WebSocket at /ws, answering in kotlin-wot's spelling (thingId, `property`/`data`)
// and accepting the spec's (thingID, `name`, `subscribeEvent`) too.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { baristaThing, lmosPage, THING_ID } from './thing';

export interface LmosDemo {
  origin: string;
  /** Drinks brewed, in order. */
  brewed: { orderId: string; drink: string; via: 'http' | 'ws' }[];
  /** Chat turns received. */
  chats: string[];
  /** Requests seen, "METHOD path" or "WS messageType" → count. */
  requests: Map<string, number>;
  close(): Promise<void>;
}

const BREW_MS = 150;
const DRINKS = new Set(['espresso', 'latte', 'cappuccino']);

export async function startLmosDemo(options: { port?: number; host?: string } = {}): Promise<LmosDemo> {
  const host = options.host ?? '127.0.0.1';
  const requests = new Map<string, number>();
  const count = (key: string) => requests.set(key, (requests.get(key) ?? 0) + 1);
  const brewed: LmosDemo['brewed'] = [];
  const chats: string[] = [];
  let queueLength = 0;
  let origin = '';
  /** Per socket: subscribed events and observed properties, with the message id that asked. */
  const subscriptions = new Map<WebSocket, { events: Map<string, string>; properties: Map<string, string> }>();

  const emit = (event: string, data: unknown) => {
    for (const [ws, subs] of subscriptions) {
      const correlationId = subs.events.get(event);
      if (correlationId) ws.send(JSON.stringify({ thingId: THING_ID, messageId: randomUUID(), messageType: 'event', correlationId, event, data, timestamp: new Date().toISOString() }));
    }
  };
  const setQueue = (n: number) => {
    queueLength = n;
    for (const [ws, subs] of subscriptions) {
      const correlationId = subs.properties.get('queueLength');
      if (correlationId) ws.send(JSON.stringify({ thingId: THING_ID, messageId: randomUUID(), messageType: 'propertyReading', correlationId, property: 'queueLength', data: n, timestamp: new Date().toISOString() }));
    }
  };

  type Outcome = { ok: true; output: unknown; done: Promise<void> } | { ok: false; error: string };

  function brew(input: unknown, via: 'http' | 'ws'): Outcome {
    const i = (input ?? {}) as { drink?: unknown; shots?: unknown };
    if (typeof i.drink !== 'string' || !DRINKS.has(i.drink)) return { ok: false, error: 'drink must be espresso, latte or cappuccino' };
    if (!Number.isInteger(i.shots) || (i.shots as number) < 1 || (i.shots as number) > 3) return { ok: false, error: 'shots must be 1 to 3' };
    const orderId = `B-${100 + brewed.length + 1}`;
    const drink = i.drink;
    brewed.push({ orderId, drink, via });
    setQueue(queueLength + 1);
    const done = new Promise<void>((resolve) => setTimeout(() => {
      setQueue(queueLength - 1);
      emit('orderReady', { orderId, drink });
      resolve();
    }, BREW_MS));
    return { ok: true, output: { orderId, drink, status: 'brewing' }, done };
  }

  function chat(input: unknown): Outcome {
    const req = (input ?? {}) as { messages?: { content?: unknown }[]; conversationContext?: { conversationId?: unknown } };
    const text = Array.isArray(req.messages) ? String(req.messages[req.messages.length - 1]?.content ?? '') : '';
    if (!text) return { ok: false, error: 'messages must hold the user message' };
    chats.push(text);
    const conversationId = String(req.conversationContext?.conversationId ?? 'none');
    emit('agentEvent', { type: 'AgentStarted', payload: 'barista', conversationId });
    const reply = /menu|what/i.test(text) ? 'We brew espresso, latte and cappuccino. Ask me to brew one!' : /brew|latte|espresso|cappuccino/i.test(text) ? 'Use the Brew action and I will start right away.' : `Hello! You said: ${text}`;
    emit('agentEvent', { type: 'AgentFinished', payload: 'replied', conversationId });
    return { ok: true, output: { status: 'OK', type: 'MESSAGE', responseTime: 0.01, messages: [{ role: 'assistant', content: reply, format: 'text' }] }, done: Promise.resolve() };
  }

  const invoke = (action: string, input: unknown, via: 'http' | 'ws'): Outcome | null => (action === 'brew' ? brew(input, via) : action === 'chat' ? chat(input) : null);

  const send = (res: ServerResponse, status: number, value: unknown, type = 'application/json') => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'access-control-allow-origin': '*', 'access-control-allow-headers': 'content-type' });
    res.end(typeof value === 'string' ? value : JSON.stringify(value));
  };

  function handle(req: IncomingMessage, res: ServerResponse, url: URL, raw: string) {
    if (req.method === 'OPTIONS') return send(res, 204, '');
    if (url.pathname === '/' && req.method === 'GET') return send(res, 200, lmosPage(), 'text/html; charset=utf-8');
    if (url.pathname === '/.well-known/wot' || url.pathname === '/things/barista') return send(res, 200, baristaThing(origin), 'application/td+json');
    if (url.pathname === '/things/barista/properties/queueLength' && req.method === 'GET') return send(res, 200, queueLength);
    const action = /^\/things\/barista\/actions\/(\w+)$/.exec(url.pathname);
    if (action && req.method === 'POST') {
      let input: unknown;
      try {
        input = raw ? JSON.parse(raw) : undefined;
      } catch {
        return send(res, 400, { title: 'Bad Request', detail: 'The input is not JSON.' });
      }
      const outcome = invoke(action[1], input, 'http');
      if (!outcome) return send(res, 404, { title: 'Not Found', detail: `No action ${action[1]}` });
      if (!outcome.ok) return send(res, 400, { title: 'Bad Request', detail: outcome.error });
      return send(res, 200, outcome.output);
    }
    send(res, 404, 'Not found', 'text/plain');
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin || 'http://localhost');
    count(`${req.method} ${url.pathname}`);
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => handle(req, res, url, raw));
  });
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (protocols) => (protocols.has('lmosprotocol') ? 'lmosprotocol' : false) });
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/ws') return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  wss.on('connection', (ws: WebSocket) => {
    const subs = { events: new Map<string, string>(), properties: new Map<string, string>() };
    subscriptions.set(ws, subs);
    ws.on('close', () => subscriptions.delete(ws));
    const reply = (value: Record<string, unknown>) => ws.send(JSON.stringify({ thingId: THING_ID, messageId: randomUUID(), ...value }));
    ws.on('message', (frame) => {
      let m: Record<string, unknown>;
      try {
        m = JSON.parse(String(frame));
      } catch {
        return ws.close(1003, 'Failed to read message');
      }
      const messageId = String(m.messageId ?? m.messageID ?? '');
      const thingId = m.thingId ?? m.thingID;
      const type = String(m.messageType ?? '');
      count(`WS ${type}`);
      const error = (title: string, detail: string, status = '400') => reply({ messageType: 'error', correlationId: messageId, type: 'https://w3c.github.io/web-thing-protocol/errors', title, status, detail, instance: `/ws/${messageId}` });
      if (thingId !== THING_ID) return error('Thing not found', `No thing ${String(thingId)}`, '404');
      const name = String(m.property ?? m.name ?? '');
      switch (type) {
        case 'invokeAction': {
          const action = String(m.action ?? '');
          const outcome = invoke(action, m.input, 'ws');
          if (!outcome) return error('Action not found', `No action ${action}`, '404');
          if (!outcome.ok) return reply({ messageType: 'actionStatus', correlationId: messageId, action, status: 'failed', output: { error: outcome.error } });
          reply({ messageType: 'actionStatus', correlationId: messageId, action, status: 'pending', output: null });
          // Over the socket the status follows the work: completed once the drink is ready.
          const output = action === 'brew' ? { ...(outcome.output as object), status: 'ready' } : outcome.output;
          void outcome.done.then(() => reply({ messageType: 'actionStatus', correlationId: messageId, action, status: 'completed', output }));
          return;
        }
        case 'readProperty':
          if (name !== 'queueLength') return error('Property not found', `No property ${name}`, '404');
          return reply({ messageType: 'propertyReading', correlationId: messageId, property: name, data: queueLength, timestamp: new Date().toISOString() });
        case 'observeProperty':
          if (name !== 'queueLength') return error('Property not found', `No property ${name}`, '404');
          subs.properties.set(name, messageId);
          return reply({ messageType: 'acknowledgement', correlationId: messageId, message: `Observing ${name}` });
        case 'unobserveProperty':
          subs.properties.delete(name);
          return reply({ messageType: 'acknowledgement', correlationId: messageId, message: `Stopped observing ${name}` });
        case 'subscribeevent':
        case 'subscribeEvent': {
          const event = String(m.event ?? '');
          if (event !== 'orderReady' && event !== 'agentEvent') return error('Event not found', `No event ${event}`, '404');
          subs.events.set(event, messageId);
          return reply({ messageType: 'acknowledgement', correlationId: messageId, message: `Subscribed to ${event}` });
        }
        case 'unsubscribeEvent':
          subs.events.delete(String(m.event ?? ''));
          return reply({ messageType: 'acknowledgement', correlationId: messageId, message: 'Unsubscribed' });
        default:
          return error('Unsupported message type', type);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  origin = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    origin, brewed, chats, requests,
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
