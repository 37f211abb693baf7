// McpClient: a small dual-era MCP client over an injected fetch. Modern first (server/discover with
// per-request _meta and headers), legacy fallback (initialize, session id, notifications/initialized).
import { isObject, type JsonObject, type JsonValue } from '../../agents-json/json';
import { elicitResult, readElicitation, type ElicitationHandler } from './elicitation';
import { clientCapabilities, discoverVerdict, LEGACY_VERSIONS, MODERN_VERSION, modernMeta, probeFailureVerdict, readServerInfo, type ClientInfo, type Era, type ServerDescription } from './era';
import { isAbortError, McpError } from './errors';
import { paramHeaderValues, standardHeaders } from './headers';
import { IdSource, MODERN_ERROR_CODES, notification, request, RPC_ERRORS, type JsonRpcMessage, type JsonRpcNotification, type RequestId } from './jsonrpc';
import { paymentRequiredFromResult, paymentRequiredFromRpcError, type McpPaymentRequired } from './payment';
import { promptView, readPromptEntry, readResourceEntry, readResourceTemplateEntry, readToolEntry, resourceContentsView, toolResultView, type DisplayItem, type McpPrompt, type McpResource, type McpResourceTemplate, type McpTool, type PromptView, type ToolResultView } from './results';
import { collectPages, type Page } from './pages';
import { StreamableHttpTransport, type FetchLike, type TransportLimits } from './transport';

export interface McpClientOptions {
  url: string;
  fetch: FetchLike;
  clientInfo: ClientInfo;
  /** Extra headers per request, e.g. `Authorization: Bearer …` from the vault. */
  headers?: () => Promise<Record<string, string>> | Record<string, string>;
  /** Asks the user; without it Emissary declares no elicitation capability. */
  onElicit?: ElicitationHandler;
  /** Notifications that belong to no call in progress (log messages, list_changed, …). */
  onNotification?: (message: JsonRpcNotification) => void;
  /** Per request; 0 disables. Default 60 s. */
  timeoutMs?: number;
  limits?: Partial<TransportLimits> & { maxInputRounds?: number };
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface Progress {
  progress: number;
  total?: number;
  message?: string;
}

export interface ToolCallOptions extends CallOptions {
  onProgress?: (progress: Progress) => void;
}


/** Which list changes to be told about (modern `subscriptions/listen` filter; legacy: what the server sends). */
export interface ListenFilter {
  toolsListChanged?: true;
  resourcesListChanged?: true;
  promptsListChanged?: true;
}

export type ListChange = 'tools' | 'resources' | 'prompts';

export interface ListenOptions {
  signal: AbortSignal;
  /** The stream is open (modern: the server acknowledged what it will send). */
  onOpen?: (honored: ListenFilter) => void;
  onChange: (what: ListChange) => void;
}

/**
 * How listening ended: `closed` — the stream ended or was stopped and may be opened again;
 * `nothing` — the server announces none of the changes asked for; `unsupported` — no such stream.
 */
export type ListenEnd = { kind: 'closed' } | { kind: 'nothing' } | { kind: 'unsupported'; reason: string };

const CHANGE_METHODS: Record<string, ListChange> = {
  'notifications/tools/list_changed': 'tools',
  'notifications/resources/list_changed': 'resources',
  'notifications/prompts/list_changed': 'prompts',
};

export type ToolCallOutcome = { kind: 'result'; view: ToolResultView; raw: JsonObject } | McpPaymentRequired;

type ListKind = 'tools' | 'resources' | 'resourceTemplates' | 'prompts';
const MRTR_METHODS = new Set(['tools/call', 'resources/read', 'prompts/get']);

export class McpClient {
  private readonly transport: StreamableHttpTransport;
  private readonly ids = new IdSource();
  private readonly tools = new Map<string, McpTool>();
  private server: ServerDescription | undefined;

  constructor(private readonly opts: McpClientOptions) {
    this.transport = new StreamableHttpTransport(opts.url, opts.fetch, opts.headers, opts.limits);
  }

  get era(): Era | undefined {
    return this.server?.era;
  }

  get description(): ServerDescription | undefined {
    return this.server;
  }

  /** Legacy era: the current session id. */
  get sessionId(): string | undefined {
    return this.transport.sessionId;
  }

  /**
   * Finds the server's era and learns what it offers. `prior` is a cached verdict: `legacy` goes
   * straight to `initialize` (re-probing if that answer is a modern error); otherwise modern is tried first.
   */
  async connect(options: CallOptions & { prior?: Era } = {}): Promise<ServerDescription> {
    if (options.prior === 'legacy') {
      try {
        return (this.server = await this.initialize(options.signal));
      } catch (err) {
        if (!(err instanceof McpError && err.rpcCode !== undefined && MODERN_ERROR_CODES.has(err.rpcCode))) throw err;
      }
    }
    let verdict;
    try {
      const result = await this.exchange('server/discover', {}, 'modern', options.signal);
      verdict = discoverVerdict(result);
    } catch (err) {
      verdict = probeFailureVerdict(err);
    }
    this.server = verdict.era === 'modern' ? verdict.description : await this.initialize(options.signal);
    return this.server;
  }

  /** Legacy: ends the session. */
  async close(): Promise<void> {
    if (this.server?.era === 'legacy') await this.transport.deleteSession();
    this.server = undefined;
  }

  private async initialize(signal?: AbortSignal): Promise<ServerDescription> {
    this.transport.sessionId = undefined;
    this.transport.protocolVersion = undefined;
    const result = await this.exchange('initialize', {
      protocolVersion: LEGACY_VERSIONS[0], capabilities: clientCapabilities(!!this.opts.onElicit), clientInfo: { ...this.opts.clientInfo },
    }, 'legacy', signal);
    const version = result.protocolVersion;
    if (typeof version !== 'string' || !LEGACY_VERSIONS.includes(version)) {
      await this.transport.deleteSession();
      throw new McpError('unsupported-version', `the server answered initialize with protocol version ${JSON.stringify(version).slice(0, 60)}, which Emissary does not speak`);
    }
    this.transport.protocolVersion = version;
    await this.transport.post(notification('notifications/initialized'), signal ? { signal } : {});
    const serverInfo = readServerInfo(result.serverInfo);
    const instructions = typeof result.instructions === 'string' ? result.instructions.slice(0, 4000) : undefined;
    return { era: 'legacy', protocolVersion: version, ...(serverInfo ? { serverInfo } : {}), capabilities: isObject(result.capabilities) ? result.capabilities : {}, ...(instructions ? { instructions } : {}) };
  }

  private connected(): Era {
    if (!this.server) throw new McpError('protocol', 'not connected: call connect() first');
    return this.server.era;
  }

  /** One request/response in the given era, with timeout, cancellation, progress and server requests. */
  private async exchange(method: string, params: JsonObject, era: Era, signal?: AbortSignal, onProgress?: (p: Progress) => void, retried = false): Promise<JsonObject> {
    const id = this.ids.take();
    const token = `emissary-${id}`;
    let body: JsonObject = onProgress ? { ...params, _meta: { ...(isObject(params._meta) ? params._meta : {}), progressToken: token } } : params;
    const headers: Record<string, string> = {};
    if (era === 'modern') {
      body = modernMeta(body, this.opts.clientInfo, clientCapabilities(!!this.opts.onElicit));
      Object.assign(headers, { 'MCP-Protocol-Version': MODERN_VERSION }, standardHeaders(method, body));
      const tool = method === 'tools/call' && typeof params.name === 'string' ? this.tools.get(params.name) : undefined;
      if (tool && isObject(params.arguments)) Object.assign(headers, paramHeaderValues(tool.paramHeaders, params.arguments));
    }
    const controller = new AbortController();
    const abort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', abort, { once: true });
    const timeoutMs = this.opts.timeoutMs ?? 60_000;
    let timedOut = false;
    const timer = timeoutMs > 0 ? setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs) : undefined;
    try {
      if (signal?.aborted) throw new McpError('cancelled', `'${method}' was cancelled`);
      const answer = await this.transport.request(request(id, method, body), {
        headers, signal: controller.signal, onMessage: (m) => this.onMessage(m, token, onProgress, controller.signal),
      });
      if ('result' in answer) return answer.result;
      const payment = paymentRequiredFromRpcError(answer.error);
      if (payment) throw new McpError('payment-required', 'the MCP server asks for payment', { payment, rpcCode: 402 });
      const e = answer.error;
      throw new McpError('rpc', `${method}: ${e.message} (${e.code})`, { rpcCode: e.code, ...(e.data !== undefined ? { data: e.data } : {}) });
    } catch (err) {
      if (controller.signal.aborted && (isAbortError(err) || !(err instanceof McpError) || err.kind === 'network' || err.kind === 'cancelled')) {
        if (era === 'legacy' && method !== 'initialize') {
          await this.transport.post(notification('notifications/cancelled', { requestId: id, reason: timedOut ? 'timeout' : 'cancelled by the user' })).catch(() => undefined);
        }
        throw timedOut ? new McpError('timeout', `'${method}' got no answer within ${timeoutMs} ms`) : new McpError('cancelled', `'${method}' was cancelled`);
      }
      if (!retried && era === 'legacy' && method !== 'initialize' && this.sessionLost(err)) {
        this.server = await this.initialize(signal);
        return this.exchange(method, params, era, signal, onProgress, true);
      }
      throw err;
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
    }
  }

  /** Legacy: 404 means the session expired; some servers (the reference one) answer 400 "…session…". */
  private sessionLost(err: unknown): boolean {
    if (!(err instanceof McpError) || this.transport.sessionId === undefined) return false;
    return err.status === 404 || (err.status === 400 && /session|not initialized/i.test(err.message));
  }

  private async onMessage(m: JsonRpcMessage, token: string, onProgress: ((p: Progress) => void) | undefined, signal: AbortSignal): Promise<void> {
    if ('result' in m || 'error' in m) return; // a stray response: not ours, ignored
    if (!('id' in m)) {
      const p = m.params;
      if (m.method === 'notifications/progress' && p && p.progressToken === token) {
        if (onProgress && typeof p.progress === 'number') {
          onProgress({ progress: p.progress, ...(typeof p.total === 'number' ? { total: p.total } : {}), ...(typeof p.message === 'string' ? { message: p.message.slice(0, 500) } : {}) });
        }
        return;
      }
      this.opts.onNotification?.(m);
      return;
    }
    // A legacy server request on the response stream.
    const answer = await this.serverRequest(m.id, m.method, m.params, signal);
    await this.transport.post(answer, { signal }).catch(() => undefined);
  }

  private async serverRequest(id: RequestId, method: string, params: JsonObject | undefined, signal: AbortSignal, canAsk = true): Promise<JsonRpcMessage> {
    if (method === 'ping') return { jsonrpc: '2.0', id, result: {} };
    if (method !== 'elicitation/create' || !this.opts.onElicit || !canAsk) {
      return { jsonrpc: '2.0', id, error: { code: RPC_ERRORS.methodNotFound, message: `Emissary does not handle ${method.slice(0, 100)}` } };
    }
    const req = readElicitation(params);
    if (typeof req === 'string') return { jsonrpc: '2.0', id, error: { code: RPC_ERRORS.invalidParams, message: req } };
    const response = await this.opts.onElicit(req, signal);
    return { jsonrpc: '2.0', id, result: elicitResult(req, response) };
  }

  /** A request in the connected era; modern `input_required` answers are handled by asking the user and retrying. */
  private async call(method: string, params: JsonObject, opts: ToolCallOptions = {}): Promise<JsonObject> {
    const era = this.connected();
    let current = params;
    const rounds = this.opts.limits?.maxInputRounds ?? 4;
    for (let round = 0; ; round++) {
      const result = await this.exchange(method, current, era, opts.signal, opts.onProgress);
      const type = result.resultType ?? 'complete';
      if (type === 'complete') return result;
      if (type !== 'input_required' || !MRTR_METHODS.has(method)) throw new McpError('protocol', `'${method}' answered with resultType ${JSON.stringify(type).slice(0, 60)}`);
      if (round >= rounds) throw new McpError('protocol', `'${method}' still asks for input after ${rounds} rounds`);
      current = await this.answerInput(params, result, opts.signal);
    }
  }

  private async answerInput(original: JsonObject, result: JsonObject, signal?: AbortSignal): Promise<JsonObject> {
    const responses: JsonObject = {};
    const requests = isObject(result.inputRequests) ? Object.entries(result.inputRequests).slice(0, 16) : [];
    for (const [key, req] of requests) {
      if (!isObject(req) || req.method !== 'elicitation/create' || !this.opts.onElicit) {
        throw new McpError('protocol', `the server asks for '${isObject(req) ? String(req.method).slice(0, 60) : '?'}', which Emissary does not provide`);
      }
      const parsed = readElicitation(isObject(req.params) ? req.params : undefined);
      if (typeof parsed === 'string') throw new McpError('protocol', parsed);
      responses[key] = elicitResult(parsed, await this.opts.onElicit(parsed, signal ?? new AbortController().signal));
    }
    const next: JsonObject = { ...original };
    if (requests.length > 0) next.inputResponses = responses;
    if (typeof result.requestState === 'string') next.requestState = result.requestState;
    return next;
  }

  private async page<T>(kind: ListKind, read: (raw: JsonValue) => T | string, cursor: string | undefined, opts: CallOptions): Promise<Page<T>> {
    const method = kind === 'resourceTemplates' ? 'resources/templates/list' : `${kind}/list`;
    const result = await this.call(method, cursor ? { cursor } : {}, opts);
    const list = Array.isArray(result[kind]) ? result[kind] : [];
    const page: Page<T> = { items: [], skipped: [] };
    for (const raw of list.slice(0, 2000)) {
      const item = read(raw);
      if (typeof item === 'string') page.skipped.push(item);
      else page.items.push(item);
    }
    if (typeof result.nextCursor === 'string' && result.nextCursor.length > 0 && result.nextCursor.length <= 4096) page.nextCursor = result.nextCursor;
    if (typeof result.ttlMs === 'number' && result.ttlMs >= 0) page.ttlMs = result.ttlMs;
    return page;
  }

  async listTools(opts: CallOptions & { cursor?: string } = {}): Promise<Page<McpTool>> {
    const page = await this.page('tools', (raw) => readToolEntry(raw, this.connected() === 'modern'), opts.cursor, opts);
    for (const tool of page.items) this.tools.set(tool.name, tool);
    return page;
  }

  listResources(opts: CallOptions & { cursor?: string } = {}): Promise<Page<McpResource>> {
    return this.page('resources', readResourceEntry, opts.cursor, opts);
  }

  /** `resources/templates/list` (both eras): URIs the server builds from variables. */
  listResourceTemplates(opts: CallOptions & { cursor?: string } = {}): Promise<Page<McpResourceTemplate>> {
    return this.page('resourceTemplates', readResourceTemplateEntry, opts.cursor, opts);
  }

  listPrompts(opts: CallOptions & { cursor?: string } = {}): Promise<Page<McpPrompt>> {
    return this.page('prompts', readPromptEntry, opts.cursor, opts);
  }

  /** The list changes this server says it announces (`listChanged` in its capabilities). */
  listenFilter(): ListenFilter {
    const caps = this.server?.capabilities ?? {};
    const announces = (key: string) => isObject(caps[key]) && (caps[key] as JsonObject).listChanged === true;
    return {
      ...(announces('tools') ? { toolsListChanged: true as const } : {}),
      ...(announces('resources') ? { resourcesListChanged: true as const } : {}),
      ...(announces('prompts') ? { promptsListChanged: true as const } : {}),
    };
  }

  /**
   * Listens for list changes until the stream ends or `signal` aborts. Modern: `subscriptions/listen`,
   * a POST whose answer is an event stream that opens with `notifications/subscriptions/acknowledged`
   * and ends with the request's result when the server closes it. Legacy: the standalone GET stream.
   */
  async listen(opts: ListenOptions): Promise<ListenEnd> {
    const era = this.connected();
    const filter = this.listenFilter();
    if (Object.keys(filter).length === 0) return { kind: 'nothing' };
    const onChange = (m: JsonRpcMessage) => {
      if ('method' in m && !('id' in m) && CHANGE_METHODS[m.method]) opts.onChange(CHANGE_METHODS[m.method]);
    };
    try {
      if (era === 'legacy') {
        const ended = await this.transport.standaloneStream({
          signal: opts.signal, onOpen: () => opts.onOpen?.(filter),
          onMessage: async (m) => {
            onChange(m);
            // A server request on the standalone stream belongs to no call: answered, never shown.
            if ('id' in m && 'method' in m) await this.transport.post(await this.serverRequest(m.id, m.method, undefined, opts.signal, false), { signal: opts.signal }).catch(() => undefined);
          },
        });
        return ended === null ? { kind: 'unsupported', reason: 'the server offers no standalone GET stream (405)' } : { kind: 'closed' };
      }
      return await this.listenModern(filter, opts, onChange);
    } catch (err) {
      if (opts.signal.aborted) return { kind: 'closed' };
      if (err instanceof McpError && (err.rpcCode === RPC_ERRORS.methodNotFound || err.status === 404 || err.status === 405)) {
        return { kind: 'unsupported', reason: err.message };
      }
      throw err;
    }
  }

  private async listenModern(filter: ListenFilter, opts: ListenOptions, onChange: (m: JsonRpcMessage) => void): Promise<ListenEnd> {
    const id = this.ids.take();
    const body = modernMeta({ notifications: { ...filter } }, this.opts.clientInfo, clientCapabilities(!!this.opts.onElicit));
    const headers = { 'MCP-Protocol-Version': MODERN_VERSION, ...standardHeaders('subscriptions/listen', body) };
    let honored: ListenFilter | undefined;
    const onMessage = (m: JsonRpcMessage) => {
      if ('method' in m && m.method === 'notifications/subscriptions/acknowledged' && !('id' in m)) {
        const n = isObject(m.params) && isObject(m.params.notifications) ? m.params.notifications : {};
        honored = {
          ...(n.toolsListChanged === true ? { toolsListChanged: true as const } : {}),
          ...(n.resourcesListChanged === true ? { resourcesListChanged: true as const } : {}),
          ...(n.promptsListChanged === true ? { promptsListChanged: true as const } : {}),
        };
        if (Object.keys(honored).length > 0) opts.onOpen?.(honored);
        return;
      }
      onChange(m);
    };
    let answer;
    try {
      answer = await this.transport.request(request(id, 'subscriptions/listen', body), { headers, signal: opts.signal, onMessage });
    } catch (err) {
      // A stream that simply stops (network, server restart) is not an error: listen again.
      if (err instanceof McpError && err.kind === 'protocol' && /ended before the response/.test(err.message)) return { kind: 'closed' };
      throw err;
    }
    if ('error' in answer) throw new McpError('rpc', `subscriptions/listen: ${answer.error.message} (${answer.error.code})`, { rpcCode: answer.error.code });
    // The result means the server closed the subscription; with nothing honored there is nothing to reopen.
    return honored && Object.keys(honored).length === 0 ? { kind: 'nothing' } : { kind: 'closed' };
  }

  /** Calls a tool. A payment request (HTTP 402, an x402 tool result or error) comes back as an outcome, unpaid. */
  async callTool(name: string, args: JsonObject = {}, opts: ToolCallOptions = {}): Promise<ToolCallOutcome> {
    let result: JsonObject;
    for (let attempt = 0; ; attempt++) {
      try {
        result = await this.call('tools/call', { name, arguments: args }, opts);
        break;
      } catch (err) {
        if (err instanceof McpError && err.kind === 'payment-required' && err.payment) return err.payment;
        // Modern: a HeaderMismatch may mean the tool's x-mcp-header annotations changed; the spec says re-list and retry.
        if (attempt === 0 && err instanceof McpError && err.rpcCode === RPC_ERRORS.headerMismatch && this.era === 'modern') {
          await collectPages((cursor) => this.listTools({ ...opts, ...(cursor ? { cursor } : {}) }));
          continue;
        }
        throw err;
      }
    }
    return paymentRequiredFromResult(result) ?? { kind: 'result', view: toolResultView(result), raw: result };
  }

  async readResource(uri: string, opts: CallOptions = {}): Promise<DisplayItem[]> {
    return resourceContentsView(await this.call('resources/read', { uri }, opts));
  }

  async getPrompt(name: string, args: Record<string, string> = {}, opts: CallOptions = {}): Promise<PromptView> {
    return promptView(await this.call('prompts/get', { name, arguments: args }, opts));
  }
}
