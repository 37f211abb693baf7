// LMOS WebSocket messages (mcp-lmos.md §2.3). Outgoing messages use kotlin-wot's spelling — the only
// implementation — and carry the spec's spelling too where a receiver ignores unknown members
// (`property` and `name`); the subscribe type differs in a way no message can cover (kotlin-wot
// `subscribeevent`, spec `subscribeEvent`), so `subscribeEvent` builds the implementation's and
// `subscribeEventSpec` the spec's, for a retry after an "unsupported message type" error.
// Incoming messages are read in either spelling.
import { isObject } from '../agents-json/json';
import { readLmosEnvelope } from './envelope';

export type Outgoing = Record<string, unknown> & { thingId: string; messageId: string; messageType: string };

const base = (thingId: string, messageId: string, messageType: string) => ({ thingId, messageId, messageType });

export const build = {
  invokeAction: (thingId: string, messageId: string, action: string, input?: unknown): Outgoing => ({ ...base(thingId, messageId, 'invokeAction'), action, ...(input === undefined ? {} : { input }) }),
  readProperty: (thingId: string, messageId: string, name: string): Outgoing => ({ ...base(thingId, messageId, 'readProperty'), property: name, name }),
  observeProperty: (thingId: string, messageId: string, name: string, now: Date): Outgoing => ({ ...base(thingId, messageId, 'observeProperty'), property: name, name, lastPropertyReading: now.toISOString() }),
  unobserveProperty: (thingId: string, messageId: string, name: string): Outgoing => ({ ...base(thingId, messageId, 'unobserveProperty'), property: name, name }),
  subscribeEvent: (thingId: string, messageId: string, event: string, now: Date): Outgoing => ({ ...base(thingId, messageId, 'subscribeevent'), event, lastEvent: now.toISOString() }),
  subscribeEventSpec: (thingId: string, messageId: string, event: string): Outgoing => ({ ...base(thingId, messageId, 'subscribeEvent'), event }),
  unsubscribeEvent: (thingId: string, messageId: string, event: string): Outgoing => ({ ...base(thingId, messageId, 'unsubscribeEvent'), event }),
};

export type Incoming =
  | { type: 'actionStatus'; correlationId?: string; action: string; status: 'pending' | 'completed' | 'failed'; output?: unknown }
  | { type: 'propertyReading'; correlationId?: string; name: string; value: unknown; timestamp?: string }
  | { type: 'propertyReadings'; correlationId?: string; values: Record<string, unknown>; timestamp?: string }
  | { type: 'event'; correlationId?: string; event: string; data: unknown; timestamp?: string }
  | { type: 'acknowledgement'; correlationId?: string; message: string }
  | { type: 'error'; correlationId?: string; title: string; status?: string; detail?: string; errorType?: string }
  | { type: 'other'; messageType: string; correlationId?: string };

const str = (v: unknown, max = 300) => (typeof v === 'string' ? v.slice(0, max) : undefined);

/** Reads one incoming frame's JSON; null when it is not an LMOS message. */
export function readIncoming(message: unknown): Incoming | null {
  const env = readLmosEnvelope(message);
  if (!env || !isObject(message)) return null;
  const m = message as Record<string, unknown>;
  const correlationId = env.correlationId;
  const c = correlationId ? { correlationId } : {};
  const timestamp = str(m.timestamp, 60);
  const t = timestamp ? { timestamp } : {};
  switch (env.messageType.toLowerCase()) {
    case 'actionstatus': {
      const status = str(m.status, 20)?.toLowerCase();
      return { type: 'actionStatus', ...c, action: str(m.action, 128) ?? '', status: status === 'pending' || status === 'failed' ? status : 'completed', ...('output' in m ? { output: m.output } : {}) };
    }
    case 'propertyreading':
      // Spec: `name` + `value`; kotlin-wot: `property` + `data`.
      return { type: 'propertyReading', ...c, name: str(m.property, 128) ?? str(m.name, 128) ?? '', value: 'data' in m ? m.data : m.value, ...t };
    case 'propertyreadings':
      return { type: 'propertyReadings', ...c, values: isObject(m.data) ? (m.data as Record<string, unknown>) : {}, ...t };
    case 'event':
      return { type: 'event', ...c, event: str(m.event, 128) ?? '', data: m.data, ...t };
    case 'acknowledgement':
      return { type: 'acknowledgement', ...c, message: str(m.message) ?? '' };
    case 'error': {
      const detail = str(m.detail, 500);
      const status = typeof m.status === 'number' ? String(m.status) : str(m.status, 10);
      const errorType = str(m.type, 300);
      return { type: 'error', ...c, title: str(m.title) ?? 'Error', ...(status ? { status } : {}), ...(detail ? { detail } : {}), ...(errorType ? { errorType } : {}) };
    }
    default:
      return { type: 'other', messageType: env.messageType, ...c };
  }
}

/** The receiver did not know the message type (kotlin-wot answers such with an error; the spec names none). */
export function isUnsupportedType(m: Incoming): boolean {
  return m.type === 'error' && /unsupported|unknown message type|not supported/i.test(`${m.title} ${m.detail ?? ''}`);
}
