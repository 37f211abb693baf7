// Incremental Server-Sent Events parser (WHATWG HTML §9.2 "event stream interpretation") with size caps.
// Feed it decoded text in arbitrary chunks; it hands out complete events. CR, LF and CRLF all end lines,
// also when a CRLF is split across two chunks.

export interface SseEvent {
  /** `message` unless the stream named it. */
  event: string;
  data: string;
  /** The last event id seen on the stream so far (SSE semantics: it persists across events). */
  id: string;
}

export interface SseLimits {
  /** Largest event (sum of its data lines) and largest single line, in UTF-16 units. */
  maxEventChars: number;
}

export const DEFAULT_SSE_LIMITS: SseLimits = { maxEventChars: 1024 * 1024 };

export class SseTooLargeError extends Error {
  constructor(limit: number) {
    super(`an SSE event is larger than ${limit} characters`);
    this.name = 'SseTooLargeError';
  }
}

export class SseParser {
  /** Reconnection delay the server asked for with `retry:`, in ms; null until it does. */
  retryMs: number | null = null;
  lastEventId = '';
  private buffer = '';
  private skipLf = false;
  private data: string[] = [];
  private dataChars = 0;
  private eventType = '';
  private readonly limits: SseLimits;

  constructor(limits: Partial<SseLimits> = {}) {
    this.limits = { ...DEFAULT_SSE_LIMITS, ...limits };
  }

  /** Consumes a chunk; returns the events it completed. Throws SseTooLargeError past the caps. */
  push(chunk: string): SseEvent[] {
    const events: SseEvent[] = [];
    let text = chunk;
    if (this.skipLf && text.startsWith('\n')) text = text.slice(1);
    this.skipLf = false;
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 0x0a && c !== 0x0d) continue;
      const line = this.buffer + text.slice(start, i);
      this.buffer = '';
      if (c === 0x0d) {
        if (i + 1 < text.length) {
          if (text.charCodeAt(i + 1) === 0x0a) i++;
        } else this.skipLf = true;
      }
      start = i + 1;
      const event = this.line(line);
      if (event) events.push(event);
    }
    this.buffer += text.slice(start);
    if (this.buffer.length > this.limits.maxEventChars) throw new SseTooLargeError(this.limits.maxEventChars);
    return events;
  }

  /** End of stream: an unterminated event is discarded, as the SSE spec says. */
  end(): void {
    this.buffer = '';
    this.resetEvent();
  }

  private resetEvent(): void {
    this.data = [];
    this.dataChars = 0;
    this.eventType = '';
  }

  private line(line: string): SseEvent | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.dataChars += value.length + 1;
        if (this.dataChars > this.limits.maxEventChars) throw new SseTooLargeError(this.limits.maxEventChars);
        this.data.push(value);
        break;
      case 'event':
        this.eventType = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retryMs = Number(value);
        break;
      default:
        break;
    }
    return undefined;
  }

  private dispatch(): SseEvent | undefined {
    if (this.data.length === 0) {
      this.resetEvent();
      return undefined;
    }
    const event: SseEvent = { event: this.eventType || 'message', data: this.data.join('\n'), id: this.lastEventId };
    this.resetEvent();
    return event;
  }
}

export interface SseStreamLimits extends SseLimits {
  /** Total bytes read from one stream before it is abandoned. */
  maxStreamBytes: number;
  /** Events read from one stream before it is abandoned. */
  maxEvents: number;
}

export const DEFAULT_SSE_STREAM_LIMITS: SseStreamLimits = { ...DEFAULT_SSE_LIMITS, maxStreamBytes: 16 * 1024 * 1024, maxEvents: 10_000 };

export class SseStreamLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SseStreamLimitError';
  }
}

/**
 * Reads a byte stream as SSE events. The parser is exposed so callers can read `retryMs` and `lastEventId`.
 * The reader is cancelled when the caller stops iterating or a cap is passed.
 */
export async function* readSseStream(
  body: ReadableStream<Uint8Array>,
  parser: SseParser,
  limits: Pick<SseStreamLimits, 'maxStreamBytes' | 'maxEvents'> = DEFAULT_SSE_STREAM_LIMITS,
): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8');
  let bytes = 0;
  let count = 0;
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > limits.maxStreamBytes) throw new SseStreamLimitError(`the event stream passed ${limits.maxStreamBytes} bytes`);
      for (const event of parser.push(decoder.decode(value, { stream: true }))) {
        if (++count > limits.maxEvents) throw new SseStreamLimitError(`the event stream sent more than ${limits.maxEvents} events`);
        yield event;
      }
    }
    for (const event of parser.push(decoder.decode())) yield event;
    parser.end();
    finished = true;
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
