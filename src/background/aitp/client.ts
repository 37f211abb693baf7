// AITP-T01 over fetch: create a thread (declaring Emissary's capabilities), post and list messages; for agents
// served the NEAR AI Hub way, also create a run and wait for it. No cookies, no referrer, no redirects,
// capped reads, a timeout; every answer goes through the pure readers before anything acts on it.
import { buildCreateThreadBody, parseMessageList, parseRun, parseThread, threadEndpoints, type AitpThread, type Dialect, type ThreadMessage } from '../../protocols/aitp';
import { readCapped } from '../../protocols/discovery/read-capped';

export type FetchFn = (url: string, init: RequestInit) => Promise<Response>;

const MAX_BYTES = 1024 * 1024;
const TIMEOUT_MS = 20_000;
const RUN_POLLS = 20;

export class AitpProblem extends Error {}

const problemsText = (problems: { message: string }[]) => problems.filter((p) => p).slice(0, 3).map((p) => p.message).join('; ');

export interface AitpClientOptions {
  agentUrl: string;
  dialect: Dialect;
  fetch?: FetchFn;
  /** Waits between run polls (Hub dialect); tests pass a no-op. */
  sleep?: (ms: number) => Promise<void>;
}

export class AitpClient {
  readonly #endpoints: ReturnType<typeof threadEndpoints>;
  readonly #fetch: FetchFn;
  readonly #dialect: Dialect;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(options: AitpClientOptions) {
    this.#endpoints = threadEndpoints(options.agentUrl, options.dialect);
    this.#fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.#dialect = options.dialect;
    this.#sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  async #call(method: 'GET' | 'POST', url: string, body?: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await this.#fetch(url, {
        method,
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        redirect: 'error',
        cache: 'no-store',
        headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (e) {
      throw new AitpProblem(`The agent could not be reached (${(e as Error).name === 'TimeoutError' ? 'no answer in time' : 'network error'}).`);
    }
    const read = await readCapped(response, MAX_BYTES);
    if (!read.ok) throw new AitpProblem(`The agent's answer ${read.message}.`);
    if (!response.ok) throw new AitpProblem(`The agent answered HTTP ${response.status}${read.text ? `: ${read.text.slice(0, 160)}` : ''}.`);
    try {
      return JSON.parse(read.text) as unknown;
    } catch {
      throw new AitpProblem('The agent answered something that is not JSON.');
    }
  }

  async createThread(actorId: string, opening: string[] = []): Promise<AitpThread> {
    const body = buildCreateThreadBody({ actorId, messages: opening, dialect: this.#dialect });
    const answer = await this.#call('POST', this.#endpoints.createThread, body);
    const thread = parseThread(answer);
    if (!thread.ok) throw new AitpProblem(`The agent's new thread is unreadable: ${problemsText(thread.problems)}.`);
    if (this.#dialect === 'hub') await this.#run(thread.value.id);
    return thread.value;
  }

  /** Posts one user message (text or a capability message as JSON text); returns the server's id for it. */
  async post(threadId: string, content: string): Promise<string | undefined> {
    const answer = await this.#call('POST', this.#endpoints.messages(threadId), { role: 'user', content });
    const id = typeof answer === 'object' && answer !== null && typeof (answer as { id?: unknown }).id === 'string' ? (answer as { id: string }).id.slice(0, 200) : undefined;
    if (this.#dialect === 'hub') await this.#run(threadId);
    return id;
  }

  async list(threadId: string): Promise<{ messages: ThreadMessage[]; problems: string[] }> {
    const url = this.#endpoints.messages(threadId) + (this.#dialect === 'hub' ? '?order=asc&limit=100' : '');
    const answer = await this.#call('GET', url);
    const list = parseMessageList(answer);
    if (!list.ok) throw new AitpProblem(`The agent's messages are unreadable: ${problemsText(list.problems)}.`);
    // Oldest first (asked of Hub servers, which default to newest first); stable within a second.
    const messages = list.value.messages.map((m, i) => ({ m, i })).sort((a, b) => (a.m.created_at ?? 0) - (b.m.created_at ?? 0) || a.i - b.i).map((x) => x.m);
    return { messages, problems: list.problems.filter((p) => p.severity === 'error').map((p) => p.message) };
  }

  /** Hub: the agent answers only inside a run. */
  async #run(threadId: string): Promise<void> {
    const created = parseRun(await this.#call('POST', this.#endpoints.runs(threadId), { stream: false }));
    if (!created.ok) throw new AitpProblem(`The agent's run is unreadable: ${problemsText(created.problems)}.`);
    let run = created.value;
    for (let i = 0; i < RUN_POLLS && (run.status === 'queued' || run.status === 'in_progress'); i++) {
      await this.#sleep(500);
      const next = parseRun(await this.#call('GET', this.#endpoints.run(threadId, run.id)));
      if (!next.ok) throw new AitpProblem(`The agent's run is unreadable: ${problemsText(next.problems)}.`);
      run = next.value;
    }
    if (run.status === 'failed' || run.status === 'expired' || run.status === 'cancelled') {
      throw new AitpProblem(`The agent's run ${run.status}${run.last_error ? `: ${run.last_error}` : ''}.`);
    }
  }
}
