// Streamable HTTP for both MCP eras: one POST per message, answers as JSON or as an SSE stream.
// Legacy (≤2025-11-25) adds the session id, the negotiated MCP-Protocol-Version header and stream
// resumption with GET + Last-Event-ID; modern (2026-07-28) sends its own headers per request.
import { isObject, parseJsonText } from '../../agents-json/json';
import { readCapped, type ResponseLike } from '../../discovery/read-capped';
import { McpError } from './errors';
import { MESSAGE_LIMITS, parseMessages, parseMessageValue, isResponseTo, type JsonRpcError, type JsonRpcMessage, type JsonRpcResult, type RequestId } from './jsonrpc';
import { parseWwwAuthenticate } from './oauth-metadata';
import { paymentRequiredFromHttp } from './payment';
import { readSseStream, SseParser, SseStreamLimitError, SseTooLargeError, type SseStreamLimits } from './sse';

export interface FetchInit {
  method: 'POST' | 'GET' | 'DELETE';
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

/** `fetch` or anything shaped like it; a real fetch fits (bind it: `fetch.bind(globalThis)`). */
export type FetchLike = (url: string, init: FetchInit) => Promise<ResponseLike>;

export interface TransportLimits extends SseStreamLimits {
  /** Largest JSON body (and largest error body read for diagnostics). */
  maxBodyBytes: number;
  /** How often a legacy stream that ended before its answer is resumed with GET + Last-Event-ID. */
  maxResumes: number;
  /** Upper bound on the server's `retry:` delay. */
  maxRetryDelayMs: number;
}

export const DEFAULT_TRANSPORT_LIMITS: TransportLimits = {
  maxBodyBytes: 4 * 1024 * 1024, maxEventChars: 1024 * 1024, maxStreamBytes: 16 * 1024 * 1024, maxEvents: 10_000,
  maxResumes: 2, maxRetryDelayMs: 5000,
};

export const ACCEPT = 'application/json, text/event-stream';
const SESSION_ID = /^[\x21-\x7e]{1,1024}$/;

export type MessageHandler = (message: JsonRpcMessage) => Promise<void> | void;

export interface SendOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Every message on the answer that is not the awaited response (notifications, server requests, stray responses). */
  onMessage?: MessageHandler;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}

function mediaType(response: ResponseLike): string {
  return (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
}

export class StreamableHttpTransport {
  /** Legacy era: the id the server gave on `initialize`. */
  sessionId: string | undefined;
  /** Legacy era: the negotiated version, sent as MCP-Protocol-Version once known. */
  protocolVersion: string | undefined;
  readonly limits: TransportLimits;

  constructor(
    readonly url: string,
    private readonly fetchFn: FetchLike,
    private readonly extraHeaders: () => Promise<Record<string, string>> | Record<string, string> = () => ({}),
    limits: Partial<TransportLimits> = {},
  ) {
    this.limits = { ...DEFAULT_TRANSPORT_LIMITS, ...limits };
  }

  private get allowBatch(): boolean {
    return this.protocolVersion === '2025-03-26';
  }

  private async headers(extra: Record<string, string> = {}, accept = ACCEPT): Promise<Record<string, string>> {
    const h: Record<string, string> = { Accept: accept, ...(await this.extraHeaders()) };
    if (this.sessionId) h['Mcp-Session-Id'] = this.sessionId;
    if (this.protocolVersion) h['MCP-Protocol-Version'] = this.protocolVersion;
    return { ...h, ...extra };
  }

  private async fetch(method: FetchInit['method'], headers: Record<string, string>, body?: string, signal?: AbortSignal): Promise<ResponseLike> {
    try {
      return await this.fetchFn(this.url, { method, headers, ...(body !== undefined ? { body } : {}), ...(signal ? { signal } : {}) });
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      throw new McpError('network', `could not reach the MCP server (${err instanceof Error ? err.message.slice(0, 200) : 'network error'})`);
    }
  }

  /** Sends a request and waits for its response, handing everything else on the answer to `onMessage`. */
  async request(message: { id: RequestId; method: string }, opts: SendOptions = {}): Promise<JsonRpcResult | JsonRpcError> {
    const headers = await this.headers({ 'Content-Type': 'application/json', ...opts.headers });
    const response = await this.fetch('POST', headers, JSON.stringify(message), opts.signal);
    await this.checkStatus(response);
    if (response.status === 202) throw new McpError('protocol', `the server answered '${message.method}' with 202 Accepted and no response`);
    const sid = response.headers.get('mcp-session-id');
    if (sid !== null && message.method === 'initialize') {
      if (!SESSION_ID.test(sid)) throw new McpError('protocol', 'the server sent a session id with characters outside visible ASCII');
      this.sessionId = sid;
    }
    return this.readAnswer(response, message.id, opts);
  }

  /** Sends a notification or a response to a server request; the server must answer 202. */
  async post(message: JsonRpcMessage, opts: Pick<SendOptions, 'headers' | 'signal'> = {}): Promise<void> {
    const headers = await this.headers({ 'Content-Type': 'application/json', ...opts.headers });
    const response = await this.fetch('POST', headers, JSON.stringify(message), opts.signal);
    await this.checkStatus(response);
    await response.body?.cancel().catch(() => undefined);
  }

  /**
   * Legacy: the standalone GET stream on which a server sends what belongs to no request (list
   * changes, its own requests). Reads it until it ends, resuming with Last-Event-ID while the server
   * numbers its events; `null` when the server offers no such stream (405).
   */
  async standaloneStream(opts: { signal: AbortSignal; onOpen?: () => void; onMessage: MessageHandler }): Promise<'ended' | null> {
    let lastEventId = '';
    for (let resumes = 0; ; resumes++) {
      const headers = await this.headers(lastEventId ? { 'Last-Event-ID': lastEventId } : {}, 'text/event-stream');
      const response = await this.fetch('GET', headers, undefined, opts.signal);
      if (response.status === 405) {
        await response.body?.cancel().catch(() => undefined);
        return null;
      }
      await this.checkStatus(response);
      if (mediaType(response) !== 'text/event-stream' || !response.body) {
        await response.body?.cancel().catch(() => undefined);
        throw new McpError('protocol', 'the standalone GET stream is not an event stream');
      }
      opts.onOpen?.();
      const parser = new SseParser({ maxEventChars: this.limits.maxEventChars });
      parser.lastEventId = lastEventId;
      for await (const m of this.messagesIn(response.body, parser, 'the standalone stream')) await opts.onMessage(m);
      if (parser.lastEventId === '' || resumes >= this.limits.maxResumes) return 'ended';
      lastEventId = parser.lastEventId;
      await sleep(Math.min(parser.retryMs ?? 1000, this.limits.maxRetryDelayMs), opts.signal);
    }
  }

  /** Legacy: ends the session (a 405 means the server does not allow it, which is fine). */
  async deleteSession(): Promise<void> {
    if (!this.sessionId) return;
    const headers = await this.headers({}, 'application/json');
    this.sessionId = undefined;
    const response = await this.fetch('DELETE', headers).catch(() => undefined);
    await response?.body?.cancel().catch(() => undefined);
  }

  private async checkStatus(response: ResponseLike): Promise<void> {
    const status = response.status;
    if (status >= 200 && status < 300) return;
    const read = await readCapped(response, 256 * 1024);
    const text = read.ok ? read.text : '';
    if (status === 402) {
      const payment = paymentRequiredFromHttp(response.headers, text);
      throw new McpError('payment-required', 'the MCP server asks for payment (HTTP 402)', { status, payment });
    }
    const challenge = parseWwwAuthenticate(response.headers.get('www-authenticate')) ?? undefined;
    if (status === 401) throw new McpError('unauthorized', 'the MCP server needs authorization (HTTP 401)', { status, ...(challenge ? { challenge } : {}) });
    if (status === 403) {
      const why = challenge?.error === 'insufficient_scope' ? ' (insufficient scope)' : '';
      throw new McpError('forbidden', `the MCP server refused access${why} (HTTP 403)`, { status, ...(challenge ? { challenge } : {}) });
    }
    const tree = text && mediaType(response) !== 'text/html' ? parseJsonText(text, 'MCP error', { maxBytes: 256 * 1024, maxDepth: 16, maxNodes: 10_000 }) : null;
    const parsed = tree?.ok ? parseMessageValue(tree.value) : null;
    if (parsed?.ok && 'error' in parsed.message) {
      const e = parsed.message.error;
      throw new McpError('rpc', `HTTP ${status}: ${e.message} (${e.code})`, { status, rpcCode: e.code, ...(e.data !== undefined ? { data: e.data } : {}) });
    }
    if (tree?.ok && isObject(tree.value) && typeof tree.value.error === 'string') {
      throw new McpError('http', `the MCP server answered HTTP ${status}: ${tree.value.error.slice(0, 200)}`, { status });
    }
    throw new McpError('http', `the MCP server answered HTTP ${status}`, { status });
  }

  private async readAnswer(response: ResponseLike, id: RequestId, opts: SendOptions): Promise<JsonRpcResult | JsonRpcError> {
    const type = mediaType(response);
    if (type === 'application/json') {
      const read = await readCapped(response, this.limits.maxBodyBytes);
      if (!read.ok) throw new McpError(read.reason === 'too-large' ? 'too-large' : 'protocol', `the server's answer ${read.message}`);
      const parsed = parseMessages(read.text, { allowBatch: this.allowBatch, limits: { ...MESSAGE_LIMITS, maxBytes: this.limits.maxBodyBytes } });
      if (!parsed.ok) throw new McpError('protocol', `the server's answer is not a JSON-RPC message: ${parsed.reason}`);
      let answer: JsonRpcResult | JsonRpcError | undefined;
      for (const m of parsed.messages) {
        if (!answer && isResponseTo(m, id)) answer = m;
        else await opts.onMessage?.(m);
      }
      if (answer) return answer;
      const other = parsed.messages.find((m) => 'result' in m || 'error' in m);
      if (other && 'error' in other && other.id === null) return { ...other, id };
      throw new McpError('protocol', other ? `the server answered request ${JSON.stringify(id)} with a response for id ${JSON.stringify(other.id)}` : 'the server answered without a response');
    }
    if (type === 'text/event-stream') return this.readStream(response, id, opts, 0, '');
    await response.body?.cancel().catch(() => undefined);
    throw new McpError('protocol', `the server answered with content type '${type.slice(0, 80) || 'none'}', not JSON or an event stream`);
  }

  /** The JSON-RPC messages of an event stream, in order; `parser` keeps the last event id and retry for resuming. */
  private async *messagesIn(body: NonNullable<ResponseLike['body']>, parser: SseParser, where: string): AsyncGenerator<JsonRpcMessage> {
    try {
      for await (const event of readSseStream(body, parser, this.limits)) {
        if (event.event !== 'message' || event.data.trim() === '') continue;
        const parsed = parseMessages(event.data, { allowBatch: this.allowBatch, limits: { ...MESSAGE_LIMITS, maxBytes: this.limits.maxEventChars } });
        if (!parsed.ok) throw new McpError('protocol', `an event on ${where} is not a JSON-RPC message: ${parsed.reason}`);
        yield* parsed.messages;
      }
    } catch (err) {
      if (err instanceof SseTooLargeError || err instanceof SseStreamLimitError) throw new McpError('too-large', `the server's event stream was cut off: ${err.message}`);
      throw err;
    }
  }

  private async readStream(response: ResponseLike, id: RequestId, opts: SendOptions, resumes: number, lastEventId: string): Promise<JsonRpcResult | JsonRpcError> {
    if (!response.body) throw new McpError('protocol', 'the event stream has no body');
    const parser = new SseParser({ maxEventChars: this.limits.maxEventChars });
    parser.lastEventId = lastEventId;
    for await (const m of this.messagesIn(response.body, parser, 'the stream')) {
      if (isResponseTo(m, id)) return m;
      await opts.onMessage?.(m);
    }
    const canResume = this.sessionId !== undefined && parser.lastEventId !== '' && resumes < this.limits.maxResumes;
    if (!canResume) throw new McpError('protocol', `the event stream ended before the response to request ${JSON.stringify(id)}`);
    await sleep(Math.min(parser.retryMs ?? 1000, this.limits.maxRetryDelayMs), opts.signal);
    const headers = await this.headers({ 'Last-Event-ID': parser.lastEventId }, 'text/event-stream');
    const again = await this.fetch('GET', headers, undefined, opts.signal);
    await this.checkStatus(again);
    if (mediaType(again) !== 'text/event-stream') throw new McpError('protocol', 'resuming the event stream did not return an event stream');
    return this.readStream(again, id, opts, resumes + 1, parser.lastEventId);
  }
}
