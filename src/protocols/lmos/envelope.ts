// LMOS WebSocket messages: the spec tables spell `thingID`/`messageID`/`correlationID`, the spec examples
// and kotlin-wot (the reference implementation) `thingId`/`messageId`/`correlationId` (mcp-lmos.md §2.3).
// Incoming messages are read with either casing; outgoing ones use the implementation's.
import { isObject } from '../agents-json/json';

export interface LmosEnvelope {
  thingId: string;
  messageId: string;
  messageType: string;
  correlationId?: string;
}

function either(obj: Record<string, unknown>, camel: string, upper: string): string | undefined {
  const value = typeof obj[camel] === 'string' ? obj[camel] : obj[upper];
  return typeof value === 'string' ? value.slice(0, 300) : undefined;
}

/** The common members of an incoming LMOS message in either casing; null when one is missing. */
export function readLmosEnvelope(message: unknown): LmosEnvelope | null {
  if (!isObject(message)) return null;
  const thingId = either(message, 'thingId', 'thingID');
  const messageId = either(message, 'messageId', 'messageID');
  const messageType = typeof message.messageType === 'string' ? message.messageType.slice(0, 60) : undefined;
  if (!thingId || !messageId || !messageType) return null;
  const correlationId = either(message, 'correlationId', 'correlationID');
  return { thingId, messageId, messageType, ...(correlationId ? { correlationId } : {}) };
}
