// The background side of MCP: one McpClient per endpoint while the worker lives, listings and era
// verdicts remembered in records, tool calls with approvals, x402 payments, progress, cancel and
// elicitation. Everything a server says reaches the popup only through the capped views of
// src/protocols/mcp/client.
import browser from 'webextension-polyfill';
import {
  collectPages, inputSchemaForm, McpClient, McpError, RPC_ERRORS, type ElicitationRequest, type ElicitationResponse, type FetchInit, type McpResourceTemplate, type McpTool, type Page,
} from '../../protocols/mcp/client';
import type { JsonObject } from '../../protocols/agents-json/json';
import type { McpCallView, McpServerView, McpSiteView, McpToolView } from '../../shared/api-mcp';
import type { BackgroundContext } from '../context';
import { addedServersOn, discoveredServers, isTrusted, readMemo, staleMemo, writeMemo, type ServerEntry, type ServerMemo } from './servers';
import type { McpAuth } from './auth';
import { callWebMcpTool, listWebMcpTools } from './webmcp';
import { McpWatcher, type WatchState } from './watch';
import type { WebMcpTool } from '../../protocols/mcp';

const CLIENT_INFO = { name: 'emissary', title: 'Emissary', version: '0.1.0' };
const LIST_TTL_MS = 5 * 60_000;
const MAX_CALLS = 50;
const ARG_PREVIEW_CHARS = 300;

interface CallState {
  view: McpCallView;
  controller: AbortController;
  /** Settles the elicitation the popup is showing. */
  answer?: (response: ElicitationResponse) => void;
  /** The request of the elicitation, for URL mode. */
  elicitation?: ElicitationRequest;
}

export class McpService {
  readonly #clients = new Map<string, Promise<McpClient>>();
  readonly #calls = new Map<string, CallState>();
  /** The call in progress on each endpoint, to route a legacy server's elicitation to it. */
  readonly #active = new Map<string, string>();
  /** Why the last x402 payment on an endpoint was not made. */
  readonly #refusals = new Map<string, string>();
  /** The endpoints each site showed last, for live listening. */
  readonly #siteServers = new Map<string, string[]>();
  readonly #watcher = new McpWatcher({
    client: (url) => this.client(url),
    relist: async (url) => void (await this.list(url, await readMemo(url))),
  });

  constructor(private readonly ctx: BackgroundContext, private readonly auth: McpAuth) {}

  /** The popup shows `origin`: keep (or start) listening to its servers for a short lease. */
  async watch(origin: string): Promise<WatchState> {
    if (!this.#siteServers.has(origin)) await this.site(origin);
    return this.#watcher.watch(origin, this.#siteServers.get(origin) ?? []);
  }

  /** Servers of a site: discovered and added ones, each listed (from memory when fresh). */
  async site(origin: string, refresh = false): Promise<McpSiteView> {
    const found = await discoveredServers(origin, (url) => this.ctx.fetchText(url, 'agentsJson'));
    const entries: ServerEntry[] = [...found.entries];
    for (const e of await addedServersOn(origin)) if (!entries.some((x) => x.url === e.url)) entries.push(e);
    const servers = await Promise.all(entries.map((e) => this.server(e, refresh)));
    const page = await listWebMcpTools(origin).catch(() => null);
    if (page && page.tools.length > 0) servers.unshift(webMcpServer(origin, page.tools, page.problems));
    this.#siteServers.set(origin, servers.filter((s) => s.state === 'ready' && s.source !== 'webmcp').map((s) => s.url));
    return { origin, trusted: await isTrusted(origin), servers, problems: [...found.problems, ...(page?.tools.length === 0 ? page.problems : [])] };
  }

  /** A tool the page registered: same approvals as a server's tool; the page runs it. */
  async callWebTool(origin: string, name: string, args: JsonObject): Promise<string> {
    const page = await listWebMcpTools(origin);
    const found = page?.tools.find((t) => t.name === name);
    if (!found) throw new Error(`The page offers no tool named “${name.slice(0, 100)}”.`);
    const tool = webMcpTool(found);
    const id = crypto.randomUUID();
    const state: CallState = { view: { id, tool: tool.title ?? tool.name, server: webMcpUrl(origin), state: 'running', startedAt: Date.now() }, controller: new AbortController() };
    this.#calls.set(id, state);
    this.prune();
    void (async () => {
      try {
        if (await this.needsApproval(origin, tool)) {
          state.view.state = 'waiting-for-approval';
          if (!(await this.approve(origin, `${origin}/`, tool, args, state.controller.signal))) return this.end(state, 'cancelled', 'You did not approve this call.');
        }
        if (state.controller.signal.aborted) return this.end(state, 'cancelled', 'Cancelled.');
        state.view.state = 'running';
        const result = await callWebMcpTool(origin, tool.name, args);
        if (state.controller.signal.aborted) return this.end(state, 'cancelled', 'Cancelled.');
        state.view.result = result;
        this.end(state, result.isError ? 'failed' : 'done', result.isError ? 'The tool reported an error.' : undefined);
      } catch (err) {
        this.end(state, 'failed', errorText(err));
      }
    })();
    return id;
  }

  /** True when `url` is one of the site's servers; calls go only there. */
  async belongsTo(origin: string, url: string): Promise<boolean> {
    if ((await addedServersOn(origin)).some((e) => e.url === url)) return true;
    const found = await discoveredServers(origin, (u) => this.ctx.fetchText(u, 'agentsJson'));
    return found.entries.some((e) => e.url === url);
  }

  async server(entry: ServerEntry, refresh = false, now = Date.now()): Promise<McpServerView> {
    const memo = await readMemo(entry.url);
    const signedIn = await this.auth.signedIn(entry.url);
    const base = { url: entry.url, source: entry.source, name: entry.name, ...(signedIn ? { signedIn } : {}) };
    if (memo && !refresh && memo.listedAt + memo.ttlMs > now) return { ...base, ...memoView(memo), state: 'ready' };
    try {
      if (refresh) this.forget(entry.url);
      let fresh: ServerMemo;
      try {
        fresh = await this.list(entry.url, memo);
      } catch (err) {
        // A token the server no longer takes: one refresh, then ask again.
        if (!(err instanceof McpError && err.kind === 'unauthorized' && signedIn && (await this.auth.refreshNow(entry.url)))) throw err;
        this.#clients.delete(entry.url);
        fresh = await this.list(entry.url, memo);
      }
      return { ...base, ...memoView(fresh), state: 'ready' };
    } catch (err) {
      this.#clients.delete(entry.url);
      const needsAuth = err instanceof McpError && (err.kind === 'unauthorized' || err.kind === 'forbidden');
      return {
        ...base, ...(memo ? memoView(memo) : { tools: [], resources: [], resourceTemplates: [], prompts: [], skipped: [], listedAt: 0 }),
        state: needsAuth ? 'needs-sign-in' : 'error', error: errorText(err),
      };
    }
  }

  private async list(url: string, memo: ServerMemo | undefined): Promise<ServerMemo> {
    const client = await this.client(url, memo);
    const caps = client.description?.capabilities ?? {};
    const tools = await collectPages((cursor) => client.listTools(cursor ? { cursor } : {}));
    const resources = caps.resources ? await collectPages((cursor) => client.listResources(cursor ? { cursor } : {})) : { items: [], skipped: [] };
    const templates = caps.resources ? await listTemplates(client) : { items: [], skipped: [] };
    const prompts = caps.prompts ? await collectPages((cursor) => client.listPrompts(cursor ? { cursor } : {})) : { items: [], skipped: [] };
    const d = client.description;
    const next: ServerMemo = {
      url, era: d?.era, protocolVersion: d?.protocolVersion, ...(d?.serverInfo ? { serverInfo: d.serverInfo } : {}), ...(d?.instructions ? { instructions: d.instructions } : {}),
      tools: tools.items, resources: resources.items, templates: templates.items, prompts: prompts.items,
      skipped: [...tools.skipped, ...resources.skipped, ...templates.skipped, ...prompts.skipped].slice(0, 20),
      listedAt: Date.now(), ttlMs: Math.min(tools.ttlMs ?? d?.ttlMs ?? LIST_TTL_MS, LIST_TTL_MS),
    };
    await writeMemo(next);
    return next;
  }

  /** A connected client for the endpoint; the remembered era skips the probe. */
  private client(url: string, memo?: ServerMemo): Promise<McpClient> {
    let pending = this.#clients.get(url);
    if (!pending) {
      pending = (async () => {
        const prior = memo?.era ?? (await readMemo(url))?.era;
        const client = new McpClient({
          url, clientInfo: CLIENT_INFO,
          fetch: (u, init) => this.fetch(u, init),
          headers: () => this.auth.headers(url),
          onElicit: (req, signal) => this.elicit(url, req, signal),
          onNotification: (m) => {
            if (/^notifications\/(tools|resources|prompts)\/list_changed$/.test(m.method)) void staleMemo(url);
          },
        });
        await client.connect(prior ? { prior } : {});
        return client;
      })();
      this.#clients.set(url, pending);
      pending.catch(() => this.#clients.delete(url));
    }
    return pending;
  }

  /** Tool calls may meet an x402 402: those go through the wallet's paid fetch (approval, budget). */
  private async fetch(url: string, init: FetchInit): Promise<Response> {
    const isCall = init.method === 'POST' && typeof init.body === 'string' && /"method"\s*:\s*"tools\/call"/.test(init.body);
    if (isCall && this.ctx.vault.evmAddress()) {
      const endpoint = new URL(url);
      this.#refusals.delete(url);
      const paid = await this.ctx.payments.paidFetch({ origin: endpoint.origin, url, init: { method: init.method, headers: init.headers, ...(init.body ? { body: init.body } : {}) } });
      if (paid.refusal) this.#refusals.set(url, paid.refusal);
      return paid.response;
    }
    return fetch(url, { method: init.method, headers: init.headers, ...(init.body !== undefined ? { body: init.body } : {}), ...(init.signal ? { signal: init.signal } : {}), credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store' });
  }

  private async tool(url: string, name: string): Promise<McpTool | undefined> {
    let memo = await readMemo(url);
    if (!memo?.tools.some((t) => t.name === name)) memo = await this.list(url, memo);
    return memo.tools.find((t) => t.name === name);
  }

  /** Starts a call; the popup follows it with `call(id)`. */
  async callTool(origin: string, url: string, name: string, args: JsonObject): Promise<string> {
    const tool = await this.tool(url, name);
    if (!tool) throw new Error(`The server has no tool named “${name.slice(0, 100)}”.`);
    const id = crypto.randomUUID();
    const state: CallState = { view: { id, tool: tool.title ?? tool.name, server: url, state: 'running', startedAt: Date.now() }, controller: new AbortController() };
    this.#calls.set(id, state);
    this.prune();
    void this.run(origin, url, tool, args, state);
    return id;
  }

  private async run(origin: string, url: string, tool: McpTool, args: JsonObject, state: CallState): Promise<void> {
    const view = state.view;
    try {
      if (await this.needsApproval(origin, tool)) {
        view.state = 'waiting-for-approval';
        const approved = await this.approve(origin, url, tool, args, state.controller.signal);
        if (!approved) return this.end(state, 'cancelled', 'You did not approve this call.');
      }
      if (state.controller.signal.aborted) return this.end(state, 'cancelled', 'Cancelled.');
      view.state = 'running';
      const client = await this.client(url);
      this.#active.set(url, view.id);
      const outcome = await client.callTool(tool.name, args, {
        signal: state.controller.signal,
        onProgress: (p) => (view.progress = p),
      });
      if (outcome.kind === 'payment-required') {
        const refusal = this.#refusals.get(url) ?? (this.ctx.vault.evmAddress() ? 'The server asks for a payment Emissary could not make.' : 'The tool costs money: unlock Emissary to pay.');
        view.payment = { refusal };
        return this.end(state, 'failed', refusal);
      }
      view.result = outcome.view;
      this.end(state, outcome.view.isError ? 'failed' : 'done', outcome.view.isError ? 'The tool reported an error.' : undefined);
    } catch (err) {
      if (err instanceof McpError && (err.kind === 'unauthorized' || err.kind === 'forbidden')) this.#clients.delete(url);
      this.end(state, state.controller.signal.aborted ? 'cancelled' : 'failed', errorText(err));
    } finally {
      if (this.#active.get(url) === view.id) this.#active.delete(url);
    }
  }

  private end(state: CallState, to: McpCallView['state'], error?: string): void {
    state.view.state = to;
    state.view.endedAt = Date.now();
    delete state.view.elicitation;
    if (error) state.view.error = error;
  }

  private async needsApproval(origin: string, tool: McpTool): Promise<boolean> {
    return !tool.annotations.readOnly || tool.annotations.destructive || !(await isTrusted(origin));
  }

  private async approve(origin: string, url: string, tool: McpTool, args: JsonObject, signal: AbortSignal): Promise<boolean> {
    const host = new URL(url).host;
    const a = tool.annotations;
    const warnings = [
      ...(a.destructive && !a.readOnly ? ['This tool is marked destructive: it may delete or overwrite things.'] : []),
      ...(!a.readOnly && !a.destructive ? ['This tool may change things on the site.'] : []),
      ...(a.openWorld && !a.readOnly ? ['It may reach beyond this site.'] : []),
    ];
    const details = Object.entries(args).slice(0, 20).map(([k, v]) => ({ label: k.slice(0, 80), value: preview(v) }));
    const { id, decision } = await this.ctx.consent.ask({
      origin, kind: 'mcp-tool-call',
      title: `Call the tool ${tool.title ?? tool.name}`,
      summary: `${host} runs “${tool.name}” with ${details.length ? 'these arguments' : 'no arguments'}.`,
      details: [{ label: 'Server', value: url }, ...details],
      raw: JSON.stringify({ name: tool.name, arguments: args }, null, 2).slice(0, 20_000),
      warnings,
      data: { server: url, tool: tool.name },
    });
    // A call that ends while its card waits (cancelled, failed) takes the card away: nobody should
    // approve something that will not run. A card the human already decided stays as decided.
    let stopped: () => void = () => undefined;
    const cancelled = new Promise<'cancelled'>((resolve) => {
      stopped = () => resolve('cancelled');
      if (signal.aborted) stopped();
      else signal.addEventListener('abort', stopped, { once: true });
    });
    try {
      return (await Promise.race([decision, cancelled])) === 'approved';
    } finally {
      signal.removeEventListener('abort', stopped);
      await this.ctx.consent.cancel(id, 'The call was cancelled before you decided.').catch(() => false);
    }
  }

  private async elicit(url: string, req: ElicitationRequest, signal: AbortSignal): Promise<ElicitationResponse> {
    const state = this.#calls.get(this.#active.get(url) ?? '');
    if (!state) return { action: 'decline' };
    const previous = state.view.state;
    state.view.state = 'waiting-for-you';
    state.view.elicitation = req.mode === 'form' ? { mode: 'form', message: req.message, form: req.form } : { mode: 'url', message: req.message, url: req.url };
    state.elicitation = req;
    try {
      return await new Promise<ElicitationResponse>((resolve) => {
        state.answer = resolve;
        signal.addEventListener('abort', () => resolve({ action: 'cancel' }), { once: true });
      });
    } finally {
      delete state.answer;
      delete state.view.elicitation;
      if (state.view.state === 'waiting-for-you') state.view.state = previous;
    }
  }

  async answerElicitation(callId: string, action: 'accept' | 'decline' | 'cancel', content?: JsonObject): Promise<void> {
    const state = this.#calls.get(callId);
    if (!state?.answer || !state.elicitation) throw new Error('Nothing is waiting for your answer.');
    // URL mode: the user agreed in the popup; open the page in a tab of its own.
    if (action === 'accept' && state.elicitation.mode === 'url') await browser.tabs.create({ url: state.elicitation.url });
    state.answer({ action, ...(action === 'accept' && content ? { content } : {}) });
  }

  call(id: string): McpCallView | null {
    const s = this.#calls.get(id);
    return s ? structuredClone(s.view) : null;
  }

  cancel(id: string): void {
    const s = this.#calls.get(id);
    if (!s || s.view.endedAt) return;
    s.answer?.({ action: 'cancel' });
    s.controller.abort();
  }

  private prune(): void {
    const done = [...this.#calls.values()].filter((s) => s.view.endedAt).sort((a, b) => a.view.startedAt - b.view.startedAt);
    while (this.#calls.size > MAX_CALLS && done.length) this.#calls.delete(done.shift()!.view.id);
  }

  async readResource(url: string, uri: string) {
    return (await this.client(url)).readResource(uri);
  }

  async getPrompt(url: string, name: string, args: Record<string, string>) {
    return (await this.client(url)).getPrompt(name, args);
  }

  /** After sign-in or sign-out: the next request connects again with the new headers. */
  forget(url: string): void {
    this.#clients.delete(url);
    this.#watcher.restart(url);
  }
}

export const webMcpUrl = (origin: string) => `webmcp:${origin}`;

/** Templates are optional even for a server with resources: "method not found" means none. */
async function listTemplates(client: McpClient): Promise<Page<McpResourceTemplate>> {
  try {
    return await collectPages((cursor) => client.listResourceTemplates(cursor ? { cursor } : {}));
  } catch (err) {
    if (err instanceof McpError && (err.rpcCode === RPC_ERRORS.methodNotFound || err.status === 404)) return { items: [], skipped: [] };
    throw err;
  }
}

function webMcpTool(t: WebMcpTool): McpTool {
  return {
    name: t.name, ...(t.title ? { title: t.title } : {}), description: t.description, inputSchema: t.inputSchema ?? { type: 'object' },
    annotations: { readOnly: t.readOnly, destructive: false, idempotent: false, openWorld: false }, paramHeaders: [],
  };
}

function webMcpServer(origin: string, tools: WebMcpTool[], problems: string[]): McpServerView {
  return {
    url: webMcpUrl(origin), source: 'webmcp', name: 'Tools in this page (WebMCP)', state: 'ready',
    tools: tools.map((t) => toolView(webMcpTool(t))), resources: [], resourceTemplates: [], prompts: [], skipped: problems, listedAt: Date.now(),
  };
}

function memoView(m: ServerMemo): Pick<McpServerView, 'era' | 'protocolVersion' | 'instructions' | 'tools' | 'resources' | 'resourceTemplates' | 'prompts' | 'skipped' | 'listedAt'> & { name?: string } {
  return {
    ...(m.era ? { era: m.era } : {}), ...(m.protocolVersion ? { protocolVersion: m.protocolVersion } : {}), ...(m.instructions ? { instructions: m.instructions } : {}),
    ...(m.serverInfo ? { name: m.serverInfo.title ?? m.serverInfo.name } : {}),
    tools: m.tools.map(toolView), resources: m.resources, resourceTemplates: m.templates ?? [], prompts: m.prompts, skipped: m.skipped, listedAt: m.listedAt,
  };
}

export function toolView(t: McpTool): McpToolView {
  return {
    name: t.name, ...(t.title ? { title: t.title } : {}), ...(t.description ? { description: t.description } : {}),
    annotations: t.annotations, inputSchema: t.inputSchema, form: inputSchemaForm(t.inputSchema),
  };
}

function preview(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > ARG_PREVIEW_CHARS ? `${s.slice(0, ARG_PREVIEW_CHARS)}…` : s;
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message.slice(0, 500) : 'Something went wrong.';
}
