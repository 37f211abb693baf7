// LMOS agent descriptions (W3C WoT TDs with lmos: terms): the spec's WeatherAgent (made valid JSON),
// a kotlin-wot generated TD, plain WoT Things, and the two casings of LMOS message ids.
import { describe, expect, it } from 'vitest';
import { readLmosEnvelope } from './envelope';
import { parseThingDescription } from './thing-description';

const TD_URL = 'https://weatherai.example.com/.well-known/wot';
const WEATHER = {
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
};

describe('parseThingDescription', () => {
  it('reads the LMOS spec example', () => {
    const r = parseThingDescription(JSON.stringify(WEATHER), TD_URL);
    expect(r.problems).toEqual([]);
    expect(r.summary).toEqual({
      name: 'WeatherAgent', counts: { actions: 1, properties: 0, events: 1 },
      links: ['https://weatherai.example.com/things/weather/actions/getWeather', 'https://weatherai.example.com/things/weather/events/userFeedbackReceived'],
    });
    expect(r.detail).toMatchObject({
      id: 'urn:uuid:6f1d3a7a-1f97-4e6b-b45f-f3c2e1c84c77', lmosType: 'agent', vendor: { name: 'Deutsche Telekom AG', url: 'https://telekom.de' },
      metadata: { 'model.name': 'gpt-4o', 'model.provider': 'Azure', 'interaction.supportedLanguages': 'en, de' },
      securityDefinitions: [{ name: 'basic_sc', scheme: 'basic' }], security: ['basic_sc'], lmosWebSocket: false,
      actions: [{ name: 'getWeather', safe: true, idempotent: false, forms: [{ op: ['invokeaction'], method: 'POST', contentType: 'application/json' }] }],
      links: [{ href: 'https://weatherai.example.com/manual.pdf', rel: 'service-doc', type: 'application/pdf' }],
    });
  });

  it('reads a kotlin-wot TD: unprefixed metadata, relative forms against base, the lmosprotocol WebSocket form', () => {
    const td = {
      '@context': ['https://www.w3.org/2022/wot/td/v1.1', { lmos: 'https://eclipse.dev/lmos/protocol/v1' }],
      id: 'chatagent', title: 'Chat Agent', '@type': ['Thing', 'lmos:Agent'], base: 'https://agents.example/chatagent/', version: { instance: '1.0.0' },
      metadata: { vendor: { name: 'Example' } }, securityDefinitions: { nosec: { scheme: 'nosec' } }, security: ['nosec'],
      actions: { chat: { forms: [{ href: 'actions/chat' }, { href: 'wss://agents.example/ws', subprotocol: 'lmosprotocol', op: ['invokeaction'] }] } },
      events: { agentEvent: { forms: [{ href: 'wss://agents.example/ws', subprotocol: 'lmosprotocol', op: ['subscribeevent', 'unsubscribeevent'] }] } },
      properties: { status: { readOnly: true, forms: [{ href: 'properties/status' }] } },
    };
    const r = parseThingDescription(JSON.stringify(td), 'https://agents.example/chatagent');
    expect(r.problems).toEqual([]);
    expect(r.summary).toMatchObject({ version: '1.0.0', counts: { actions: 1, properties: 1, events: 1 } });
    expect(r.detail).toMatchObject({
      lmosType: 'agent', vendor: { name: 'Example' }, lmosWebSocket: true,
      actions: [{ forms: [{ href: 'https://agents.example/chatagent/actions/chat', op: ['invokeaction'] }, { subprotocol: 'lmosprotocol' }] }],
      properties: [{ name: 'status', readOnly: true, forms: [{ op: ['readproperty'] }] }],
    });
  });

  it('reads a plain WoT Thing and says what an LMOS agent would have', () => {
    const r = parseThingDescription(JSON.stringify({ '@context': 'https://www.w3.org/2019/wot/td/v1', title: 'Lamp', properties: { on: { forms: [{ href: 'http://lamp.example/on' }] } } }), 'https://lamp.example/.well-known/wot');
    expect(r.detail).toMatchObject({ lmosType: null, properties: [{ name: 'on' }] });
    expect(r.problems.map((p) => p.message)).toEqual([
      "wot: @type is neither 'lmos:Agent' nor 'lmos:Tool': read as a plain WoT Thing",
      'wot: securityDefinitions is missing (the specification requires it)',
      'wot: security is missing (the specification requires it)',
      'wot: properties.on.forms[0].href uses http, not https; Emissary will not send anything over it',
    ]);
  });

  it('refuses what is not a Thing Description', () => {
    expect(parseThingDescription('[{"title":"a"}]', TD_URL).problems.map((p) => p.message)).toEqual(['wot: must be a JSON object, found an array']);
    const r = parseThingDescription(JSON.stringify({ '@type': 'lmos:Tool', actions: { x: 'y' } }), TD_URL);
    expect(r.detail).toBeNull();
    expect(r.problems.filter((p) => p.severity === 'error').map((p) => p.message)).toEqual(['wot: title is missing; it is required']);
  });
});

describe('readLmosEnvelope', () => {
  it('accepts both casings of the message ids', () => {
    expect(readLmosEnvelope({ thingId: 'urn:x', messageId: 'm1', messageType: 'actionStatus', correlationId: 'c1' })).toEqual({ thingId: 'urn:x', messageId: 'm1', messageType: 'actionStatus', correlationId: 'c1' });
    expect(readLmosEnvelope({ thingID: 'urn:x', messageID: 'm1', messageType: 'invokeAction', correlationID: 'c2' })).toEqual({ thingId: 'urn:x', messageId: 'm1', messageType: 'invokeAction', correlationId: 'c2' });
    expect(readLmosEnvelope({ thingId: 'urn:x', messageType: 'event' })).toBeNull();
    expect(readLmosEnvelope('x')).toBeNull();
  });
});
