// Thing Descriptions as the specifications print them: every whole-TD example of the W3C WoT TD 1.1
// Recommendation, and the Eclipse LMOS protocol pages' examples, which are not valid JSON as
// published and must be refused with a reason, not a crash. Then the LMOS WebSocket messages in
// both spellings, forms from data schemas and the choice of transport.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentRequest, eventLine, resultText } from './chat';
import { pickForm } from './forms';
import { build, isUnsupportedType, readIncoming } from './messages';
import { inputFromValues, schemaForm } from './schema-fields';
import { parseThingDescription } from './thing-description';

const DIR = join(__dirname, 'fixtures');
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');
const TD_URL = 'https://things.example/.well-known/wot';
const wotExamples = readdirSync(DIR).filter((f) => f.startsWith('wot-td-1.1-example-'));

describe('W3C WoT TD 1.1 examples', () => {
  it('has the 21 whole-TD examples of the Recommendation', () => expect(wotExamples).toHaveLength(21));

  it.each(wotExamples.filter((f) => !/-(6|13)\.json$/.test(f)))('%s parses with its affordances and no errors', (file) => {
    const text = read(file);
    const json = JSON.parse(text);
    const r = parseThingDescription(text, TD_URL);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.detail?.title).toBe(json.title);
    expect(r.detail?.actions.map((a) => a.name)).toEqual(Object.keys(json.actions ?? {}));
    expect(r.detail?.properties.map((a) => a.name)).toEqual(Object.keys(json.properties ?? {}));
    expect(r.detail?.events.map((a) => a.name)).toEqual(Object.keys(json.events ?? {}));
    expect(r.detail?.lmosType).toBeNull();
  });

  it('refuses the examples with "..." elisions as invalid JSON', () => {
    for (const f of ['wot-td-1.1-example-6.json', 'wot-td-1.1-example-13.json']) {
      const r = parseThingDescription(read(f), TD_URL);
      expect(r.detail).toBeNull();
      expect(r.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^wot: is not valid JSON/)]);
    }
  });

  it('keeps the lamp example schemas, defaults ops and resolves nothing it should not', () => {
    const r = parseThingDescription(read('wot-td-1.1-example-0.json'), TD_URL);
    expect(r.detail?.properties[0]).toMatchObject({ name: 'status', schema: { type: 'string' }, forms: [{ href: 'https://mylamp.example.com/status', op: ['readproperty'] }] });
    expect(r.detail?.events[0]).toMatchObject({ name: 'overheating', data: { type: 'string' }, forms: [{ op: ['subscribeevent'] }] });
    const led = parseThingDescription(read('wot-td-1.1-example-66.json'), TD_URL);
    expect(led.detail?.actions.map((a) => a.input)).toEqual([{ type: 'number', description: 'fadeIn in ms' }, { type: 'number', description: 'fadeOut in ms' }]);
  });
});

describe('Eclipse LMOS examples as published', () => {
  it.each(readdirSync(DIR).filter((f) => f.startsWith('lmos-')))('%s is refused as invalid JSON, with the position', (file) => {
    const r = parseThingDescription(read(file), TD_URL);
    expect(r.detail).toBeNull();
    expect(r.summary.counts).toEqual({});
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ severity: 'error', message: expect.stringMatching(/^wot: is not valid JSON \(.*position \d+\)/) });
  });

  it('reads the WeatherAgent once its two commas are fixed: input, output, property and event schemas', () => {
    const fixed = read('lmos-agent_description-1.json').replace(/"lmos:protocol\/v1",(\s*})/, '"lmos:protocol/v1"$1').replace('https://eclipse.dev/lmos/protocol/v1",', 'https://eclipse.dev/lmos/protocol/v1"').replace(/}\s*}\s*\n(\s*)"securityDefinitions"/, '}\n   },\n$1"securityDefinitions"');
    const r = parseThingDescription(fixed, 'https://weatherai.example.com/.well-known/wot');
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const td = r.detail!;
    expect(td).toMatchObject({ title: 'WeatherAgent', lmosType: 'agent', vendor: { name: 'Deutsche Telekom AG' } });
    expect(td.actions[0]).toMatchObject({ name: 'getWeather', synchronous: true, output: { type: 'string' } });
    expect(schemaForm(td.actions[0].input).fields).toEqual([
      { key: 'question', name: 'question', in: 'requestBody', type: 'string', required: true },
      { key: 'interactionMode', name: 'interactionMode', in: 'requestBody', type: 'string', required: true, enum: ['text', 'voice'] },
    ]);
    expect(td.properties[0]).toMatchObject({ name: 'modelConfiguration', readOnly: true, schema: { type: 'object' } });
    expect(schemaForm(td.events[0].data).fields.map((f) => [f.name, f.type, f.required])).toEqual([['rating', 'integer', true], ['comment', 'string', false]]);
  });
});

describe('LMOS WebSocket messages', () => {
  it('builds messages kotlin-wot reads, with the spec names alongside', () => {
    const now = new Date('2026-11-25T10:00:00Z');
    expect(build.invokeAction('urn:x', 'm1', 'getWeather', { question: 'Rain?' })).toEqual({ thingId: 'urn:x', messageId: 'm1', messageType: 'invokeAction', action: 'getWeather', input: { question: 'Rain?' } });
    expect(build.invokeAction('urn:x', 'm1', 'toggle')).not.toHaveProperty('input');
    expect(build.readProperty('urn:x', 'm2', 'status')).toEqual({ thingId: 'urn:x', messageId: 'm2', messageType: 'readProperty', property: 'status', name: 'status' });
    expect(build.subscribeEvent('urn:x', 'm3', 'agentEvent', now)).toEqual({ thingId: 'urn:x', messageId: 'm3', messageType: 'subscribeevent', event: 'agentEvent', lastEvent: '2026-11-25T10:00:00.000Z' });
    expect(build.subscribeEventSpec('urn:x', 'm3', 'agentEvent').messageType).toBe('subscribeEvent');
  });

  it('reads both spellings of replies', () => {
    expect(readIncoming({ thingId: 'urn:x', messageId: 'a', messageType: 'actionStatus', correlationId: 'm1', action: 'getWeather', status: 'completed', output: 'Sunny' }))
      .toEqual({ type: 'actionStatus', correlationId: 'm1', action: 'getWeather', status: 'completed', output: 'Sunny' });
    expect(readIncoming({ thingID: 'urn:x', messageID: 'a', messageType: 'actionStatus', correlationID: 'm1', action: 'a', status: 'pending' })).toMatchObject({ status: 'pending', correlationId: 'm1' });
    expect(readIncoming({ thingId: 'urn:x', messageId: 'b', messageType: 'propertyReading', property: 'status', data: 'on', timestamp: '2026-11-25T10:00:00Z' }))
      .toEqual({ type: 'propertyReading', name: 'status', value: 'on', timestamp: '2026-11-25T10:00:00Z' });
    expect(readIncoming({ thingID: 'urn:x', messageID: 'b', messageType: 'propertyReading', name: 'status', value: 'off' })).toMatchObject({ name: 'status', value: 'off' });
    expect(readIncoming({ thingId: 'urn:x', messageId: 'c', messageType: 'event', correlationId: 's1', event: 'agentEvent', data: { type: 'thinking' } })).toMatchObject({ type: 'event', event: 'agentEvent', data: { type: 'thinking' } });
    const err = readIncoming({ thingId: 'urn:x', messageId: 'd', messageType: 'error', correlationId: 'm9', type: 'https://w3c.github.io/web-thing-protocol/errors#unsupported', title: 'Unsupported message type', status: '400', detail: 'subscribeevent' })!;
    expect(err).toMatchObject({ type: 'error', title: 'Unsupported message type', status: '400' });
    expect(isUnsupportedType(err)).toBe(true);
    expect(readIncoming({ thingId: 'urn:x', messageType: 'event' })).toBeNull();
  });
});

describe('forms and inputs', () => {
  const action = { name: 'chat', forms: [
    { href: 'https://a.example/chat', op: ['invokeaction'] },
    { href: 'wss://a.example/ws', op: ['invokeaction'], subprotocol: 'lmosprotocol' },
    { href: 'wss://a.example/other', op: ['invokeaction'], subprotocol: 'graphql-transport-ws' },
  ] };
  it('picks the preferred transport and falls back to the other', () => {
    expect(pickForm(action, 'invokeaction', 'ws')).toEqual({ form: action.forms[1], transport: 'ws' });
    expect(pickForm(action, 'invokeaction')).toEqual({ form: action.forms[0], transport: 'http' });
    expect(pickForm({ name: 'e', forms: [action.forms[1]] }, 'invokeaction', 'http')?.transport).toBe('ws');
    expect(pickForm({ name: 'e', forms: [action.forms[2]] }, 'invokeaction')).toBeNull();
    expect(pickForm(action, 'subscribeevent')).toBeNull();
  });
  it('turns a scalar schema into one value field and an absent one into no input', () => {
    const scalar = schemaForm({ type: 'number', description: 'fadeIn in ms' });
    expect(scalar).toEqual({ scalar: true, fields: [{ key: 'value', name: 'value', in: 'requestBody', type: 'number', required: true, description: 'fadeIn in ms' }] });
    expect(inputFromValues(scalar, { value: 300 })).toBe(300);
    expect(inputFromValues(schemaForm(undefined), undefined)).toBeUndefined();
  });
  it('speaks ARC to conversational agents', () => {
    expect(agentRequest('Hi', 'conv-1', 't1')).toMatchObject({ messages: [{ role: 'user', content: 'Hi', format: 'text' }], conversationContext: { conversationId: 'conv-1' } });
    expect(resultText({ messages: [{ role: 'assistant', content: 'Hello' }, { role: 'user', content: 'x' }] })).toBe('Hello');
    expect(resultText('plain')).toBe('plain');
    expect(resultText({ status: 'ok' })).toBeNull();
    expect(eventLine({ type: 'ToolCalled', payload: 'menu' })).toBe('ToolCalled: menu');
  });
});
