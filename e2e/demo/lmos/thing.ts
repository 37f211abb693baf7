// The demo barista's Thing Description: an LMOS agent (W3C WoT TD 1.1 + lmos: terms) with a chat
// action, a brew action, an observable property and two events, each reachable over HTTP and over
// the lmosprotocol WebSocket as kotlin-wot publishes them.
export const THING_ID = 'urn:emissary-demo:barista';

export function baristaThing(origin: string) {
  const http = origin;
  const ws = `${origin.replace(/^http/, 'ws')}/ws`;
  const wsForm = (op: string[]) => ({ href: ws, contentType: 'application/json', subprotocol: 'lmosprotocol', op });
  return {
    '@context': ['https://www.w3.org/2022/wot/td/v1.1', { lmos: 'https://eclipse.dev/lmos/protocol/v1' }],
    id: THING_ID,
    title: 'Demo Barista',
    description: 'Brews drinks on request and chats about the menu.',
    '@type': 'lmos:Agent',
    version: { instance: '1.2.0' },
    'lmos:metadata': { 'lmos:vendor': { 'lmos:name': 'Emissary Demo Roasters', 'lmos:url': origin }, 'lmos:interaction': { 'lmos:supportedLanguages': ['en'] } },
    securityDefinitions: { nosec_sc: { scheme: 'nosec' } },
    security: ['nosec_sc'],
    properties: {
      queueLength: {
        title: 'Drinks in the queue', type: 'integer', readOnly: true, observable: true,
        forms: [{ href: `${http}/things/barista/properties/queueLength`, op: ['readproperty'], contentType: 'application/json' }, wsForm(['readproperty', 'observeproperty', 'unobserveproperty'])],
      },
    },
    actions: {
      brew: {
        title: 'Brew a drink', description: 'Makes a drink and emits orderReady when it is done.', safe: false, idempotent: false,
        input: {
          type: 'object',
          properties: { drink: { type: 'string', enum: ['espresso', 'latte', 'cappuccino'], default: 'latte', description: 'What to brew' }, shots: { type: 'integer', description: 'Espresso shots, 1 to 3' }, oatMilk: { type: 'boolean', description: 'Oat milk instead of cow milk' } },
          required: ['drink', 'shots'],
        },
        output: { type: 'object', properties: { orderId: { type: 'string' }, drink: { type: 'string' }, status: { type: 'string' } } },
        forms: [{ href: `${http}/things/barista/actions/brew`, op: ['invokeaction'], contentType: 'application/json', 'htv:methodName': 'POST' }, wsForm(['invokeaction'])],
      },
      chat: {
        title: 'Chat', description: 'Talk to the barista (ARC AgentRequest in, AgentResult out).', safe: true, idempotent: false,
        input: { type: 'object', properties: { messages: { type: 'array' }, conversationContext: { type: 'object' } }, required: ['messages', 'conversationContext'] },
        output: { type: 'object' },
        forms: [{ href: `${http}/things/barista/actions/chat`, op: ['invokeaction'], contentType: 'application/json', 'htv:methodName': 'POST' }, wsForm(['invokeaction'])],
      },
    },
    events: {
      orderReady: {
        title: 'Order ready', description: 'A brewed drink is waiting at the counter.',
        data: { type: 'object', properties: { orderId: { type: 'string' }, drink: { type: 'string' } } },
        forms: [wsForm(['subscribeevent', 'unsubscribeevent'])],
      },
      agentEvent: { title: 'Agent events', data: { type: 'object' }, forms: [wsForm(['subscribeevent', 'unsubscribeevent'])] },
    },
  };
}

export function lmosPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Demo Roasters</title>
<link rel="describedby" type="application/td+json" href="/.well-known/wot"></head>
<body><h1>Demo Roasters</h1><p>Our barista is an LMOS agent: brew a drink, or chat with it.</p></body></html>`;
}
