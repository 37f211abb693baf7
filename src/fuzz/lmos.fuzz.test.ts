// Fuzzing LMOS: Thing Descriptions and the envelope of incoming WebSocket messages.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseThingDescription, readLmosEnvelope } from '../protocols/lmos';
import { documentParserProperty, FUZZ_TIMEOUT_MS, hostileJson, mutatedDocument, runs, timed } from './fuzz-kit';
import { THING_DESCRIPTION_SEEDS } from './seeds';

describe('LMOS under fuzzing', () => {
  it('parseThingDescription never throws, is fast, and gives a reason for every refusal', () => {
    fc.assert(documentParserProperty('parseThingDescription', parseThingDescription, THING_DESCRIPTION_SEEDS), runs());
  }, FUZZ_TIMEOUT_MS);

  const ENVELOPES = [
    JSON.stringify({ thingId: 'weather', messageId: 'm-1', messageType: 'invokeaction', correlationId: 'c-1', data: { q: 'rain?' } }),
    JSON.stringify({ thingID: 'weather', messageID: 'm-2', messageType: 'actionStatus', correlationID: 'c-1' }),
  ];

  it('readLmosEnvelope never throws on any message and keeps only capped strings', () => {
    fc.assert(
      fc.property(fc.oneof(hostileJson, mutatedDocument(ENVELOPES)), (message) => {
        const e = timed(() => readLmosEnvelope(message), 'readLmosEnvelope');
        if (e === null) return;
        for (const v of [e.thingId, e.messageId, e.messageType, e.correlationId ?? 'x']) {
          expect(typeof v).toBe('string');
          expect(v.length).toBeGreaterThan(0);
        }
        expect(e.thingId.length).toBeLessThanOrEqual(300);
        expect(e.messageType.length).toBeLessThanOrEqual(60);
      }),
      runs(),
    );
  }, FUZZ_TIMEOUT_MS);

  it('readLmosEnvelope reads back what it was given, in either casing', () => {
    const id = fc.string({ minLength: 1, maxLength: 300 });
    fc.assert(
      fc.property(id, id, fc.string({ minLength: 1, maxLength: 60 }), fc.option(id, { nil: undefined }), fc.boolean(), (thingId, messageId, messageType, correlationId, upper) => {
        const message = upper
          ? { thingID: thingId, messageID: messageId, messageType, ...(correlationId ? { correlationID: correlationId } : {}) }
          : { thingId, messageId, messageType, ...(correlationId ? { correlationId } : {}) };
        expect(readLmosEnvelope(JSON.parse(JSON.stringify(message)))).toEqual({ thingId, messageId, messageType, ...(correlationId ? { correlationId } : {}) });
      }),
      runs(),
    );
  }, FUZZ_TIMEOUT_MS);
});
