// Server-sent events from a NEAR AI Hub / OpenAI-style run stream (`text/event-stream`): split into events,
// then read the ones that matter — run status changes, completed messages, text deltas.

import { isObject, parseJsonText } from '../agents-json/json';
import { AITP_LIMITS } from './read';
import { parseRun, parseThreadMessage, type AitpRun, type ThreadMessage } from './thread';

export interface SseEvent { event?: string; data: string; id?: string }

/** Events per chunk of stream text; larger chunks are cut (the caller reads incrementally anyway). */
export const MAX_SSE_EVENTS = 1_000;

/**
 * Splits complete events out of stream text. Returns the events and the unfinished tail to prepend to the
 * next chunk. Lines: `event:`, `data:` (joined with \n), `id:`; comments (`:`) and other fields are ignored.
 */
export function splitSse(text: string): { events: SseEvent[]; rest: string } {
  const normalized = text.replace(/\r\n?/g, '\n');
  const blocks = normalized.split('\n\n');
  const rest = blocks.pop() ?? '';
  const events: SseEvent[] = [];
  for (const block of blocks.slice(0, MAX_SSE_EVENTS)) {
    const data: string[] = [];
    const ev: SseEvent = { data: '' };
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') data.push(value);
      else if (field === 'event') ev.event = value.slice(0, 100);
      else if (field === 'id') ev.id = value.slice(0, AITP_LIMITS.id);
    }
    if (data.length === 0 && ev.event === undefined) continue;
    ev.data = data.join('\n');
    events.push(ev);
  }
  return { events, rest: rest.length > AITP_LIMITS.messageBytes * 4 ? '' : rest };
}

export type StreamUpdate =
  | { kind: 'run'; run: AitpRun }
  | { kind: 'message'; message: ThreadMessage }
  | { kind: 'delta'; messageId: string; text: string }
  | { kind: 'done' }
  | { kind: 'ignored'; event: string };

/** What one event means. OpenAI names the event in `event:`; the Hub may wrap `{event, data}` in the data line. */
export function readStreamEvent(e: SseEvent): StreamUpdate {
  if (e.data === '[DONE]') return { kind: 'done' };
  const parsed = parseJsonText(e.data, 'stream event');
  if (!parsed.ok || !isObject(parsed.value)) return { kind: 'ignored', event: e.event ?? '' };
  let name = e.event ?? '';
  let data = parsed.value;
  if (typeof data.event === 'string' && isObject(data.data)) {
    name = data.event;
    data = data.data;
  }
  if (name === 'done') return { kind: 'done' };
  if (name.startsWith('thread.run.') && !name.startsWith('thread.run.step')) {
    const run = parseRun(data);
    return run.ok ? { kind: 'run', run: run.value } : { kind: 'ignored', event: name };
  }
  if (name === 'thread.message.completed') {
    const m = parseThreadMessage(data);
    return m.ok ? { kind: 'message', message: m.value } : { kind: 'ignored', event: name };
  }
  if (name === 'thread.message.delta' && typeof data.id === 'string' && isObject(data.delta) && Array.isArray(data.delta.content)) {
    const text = data.delta.content
      .map((p) => (isObject(p) && isObject(p.text) && typeof p.text.value === 'string' ? p.text.value : ''))
      .join('');
    return { kind: 'delta', messageId: data.id.slice(0, AITP_LIMITS.id), text };
  }
  return { kind: 'ignored', event: name.slice(0, 100) };
}
