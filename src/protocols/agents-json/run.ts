// runFlow: execute a planned flow with a fetch the caller injects. Transport-agnostic, stateless:
// actions run in order, links carry values forward, progress is reported per step.
import { readCapped, type ResponseLike } from '../discovery/read-capped';
import { hasOwn, isObject, MIB, parseJsonText } from './json';
import { mergeValue, readPath, writePath } from './links';
import type { FlowPlan, PlannedLink } from './plan';
import { buildRequest, type SourceAuth } from './request';

export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  credentials: 'omit';
  redirect: 'follow' | 'error';
  referrerPolicy: 'no-referrer';
}
export type FetchLike = (url: string, init: FetchInit) => Promise<ResponseLike>;

export interface FlowInput {
  parameters?: Record<string, unknown>;
  requestBody?: unknown;
}

export type FlowProgress =
  | { type: 'step-started'; step: number; total: number; actionId: string; method: string; url: string }
  | { type: 'step-succeeded'; step: number; total: number; actionId: string; status: number; unused: string[] }
  | { type: 'step-failed'; step: number; total: number; actionId: string; status?: number; error: string }
  | { type: 'flow-finished'; ok: boolean };

export interface StepOutcome {
  actionId: string;
  ok: boolean;
  status?: number;
  error?: string;
  response?: unknown;
}

export interface FlowRunResult {
  ok: boolean;
  /** The flow's output: built from links into its responses, or the last action's response. */
  output?: unknown;
  steps: StepOutcome[];
  error?: string;
}

export interface RunFlowOptions {
  fetch: FetchLike;
  /** sourceId → credentials. Each source's credentials are only attached to requests to their bound origin. */
  credentials?: Record<string, SourceAuth>;
  onProgress?: (event: FlowProgress) => void;
  signal?: AbortSignal;
  /** Per request. Default 30 s. */
  timeoutMs?: number;
  /** Per response body. Default 2 MiB. */
  maxResponseBytes?: number;
}

export const RUN_DEFAULT_TIMEOUT_MS = 30_000;
export const RUN_DEFAULT_MAX_RESPONSE_BYTES = 2 * MIB;
const ERROR_EXCERPT = 300;

interface Trace {
  parameters: Record<string, unknown>;
  requestBody?: unknown;
  responses?: { success: unknown };
}

function missingInputs(plan: FlowPlan, input: FlowInput): string[] {
  const params = isObject(input.parameters) ? input.parameters : {};
  return plan.flow.fields.parameters
    .filter((p) => p.required && (!hasOwn(params, p.name) || params[p.name] === undefined || params[p.name] === null || params[p.name] === ''))
    .map((p) => p.name);
}

function valueFor(link: PlannedLink, traces: Map<string | null, Trace>): unknown {
  const trace = traces.get(link.fromActionId);
  if (!trace) return undefined;
  const [root, ...rest] = link.fromPath;
  if (link.fromActionId === null && root === 'parameters' && rest.length > 1) {
    const joined = rest.join('.');
    if (hasOwn(trace.parameters, joined)) return trace.parameters[joined];
  }
  return readPath(trace, link.fromPath);
}

class Timeout extends Error {}
class Cancelled extends Error {}

/** Runs `work` with an abort signal; settles at the latest when the time is up or `outer` aborts, even if `work` ignores the signal. */
function timed<T>(work: (signal: AbortSignal) => Promise<T>, ms: number, outer?: AbortSignal): Promise<T> {
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    const stop = (err: Error) => {
      cleanup();
      controller.abort();
      reject(err);
    };
    const onAbort = () => stop(new Cancelled('cancelled'));
    const timer = setTimeout(() => stop(new Timeout(`timed out after ${ms} ms`)), ms);
    const cleanup = () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    };
    outer?.addEventListener('abort', onAbort, { once: true });
    work(controller.signal).then(
      (value) => {
        cleanup();
        resolve(value);
      },
      (err: unknown) => {
        cleanup();
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}

/** Runs the plan. Never throws: failures come back as `{ ok: false, error }` and a `step-failed` event. */
export async function runFlow(plan: FlowPlan, input: FlowInput, options: RunFlowOptions): Promise<FlowRunResult> {
  const emit = (event: FlowProgress) => {
    try {
      options.onProgress?.(event);
    } catch {
      // a broken listener must not break the flow
    }
  };
  const total = plan.steps.length;
  const steps: StepOutcome[] = [];
  const finish = (result: FlowRunResult): FlowRunResult => {
    emit({ type: 'flow-finished', ok: result.ok });
    return result;
  };
  const missing = missingInputs(plan, input);
  if (missing.length > 0) return finish({ ok: false, steps, error: `required input${missing.length > 1 ? 's' : ''} missing: ${missing.join(', ')}` });

  const traces = new Map<string | null, Trace>();
  traces.set(null, { parameters: isObject(input.parameters) ? { ...input.parameters } : {}, requestBody: input.requestBody });
  for (let i = 0; i < total; i++) {
    const step = plan.steps[i];
    const fail = (error: string, status?: number): FlowRunResult => {
      emit({ type: 'step-failed', step: i, total, actionId: step.actionId, error, ...(status !== undefined ? { status } : {}) });
      steps.push({ actionId: step.actionId, ok: false, error, ...(status !== undefined ? { status } : {}) });
      return finish({ ok: false, steps, error: `${step.actionId}: ${error}` });
    };
    if (options.signal?.aborted) return fail('cancelled');
    const inputs = new Map<string, unknown>();
    let body: unknown = undefined;
    for (const link of step.links) {
      const value = valueFor(link, traces);
      if (value === undefined || value === null) continue;
      const t = link.target;
      if (t.kind === 'all-parameters' && isObject(value)) {
        for (const key of Object.keys(value)) inputs.set(key, value[key]);
      } else if (t.kind === 'parameter') inputs.set(t.name, value);
      else if (t.kind === 'body') body = t.path.length === 0 ? mergeValue(body, value) : writePath(body, t.path, value);
    }
    traces.set(step.actionId, { parameters: Object.fromEntries(inputs), requestBody: body });
    const auth = options.credentials && hasOwn(options.credentials, step.sourceId) ? options.credentials[step.sourceId] : undefined;
    const built = buildRequest(step.operation, inputs, body, auth ? { origin: auth.origin ?? step.operation.sourceOrigin, credentials: auth.credentials } : null);
    if (!built.ok) return fail(built.error);
    const req = built.request;
    emit({ type: 'step-started', step: i, total, actionId: step.actionId, method: req.method, url: req.redactedUrl });
    let status: number;
    let text: string;
    try {
      const read = await timed(async (signal) => {
        const response = await options.fetch(req.url, {
          method: req.method, headers: req.headers, ...(req.body !== undefined ? { body: req.body } : {}), signal,
          credentials: 'omit', redirect: req.withCredentials ? 'error' : 'follow', referrerPolicy: 'no-referrer',
        });
        return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: await readCapped(response, options.maxResponseBytes ?? RUN_DEFAULT_MAX_RESPONSE_BYTES) };
      }, options.timeoutMs ?? RUN_DEFAULT_TIMEOUT_MS, options.signal);
      status = read.status;
      if (!read.body.ok) return fail(`the response ${read.body.message}`, status);
      text = read.body.text;
      if (status < 200 || status > 299) {
        const excerpt = text.replace(/\s+/g, ' ').trim().slice(0, ERROR_EXCERPT);
        return fail(`the server answered ${status}${excerpt ? `: ${excerpt}` : ''}`, status);
      }
      let response: unknown = text;
      if (/json/i.test(read.contentType) || /^\s*[[{]/.test(text)) {
        const parsed = parseJsonText(text, `response of '${step.actionId}'`, { maxBytes: options.maxResponseBytes ?? RUN_DEFAULT_MAX_RESPONSE_BYTES, maxDepth: 64, maxNodes: 500_000 });
        if (parsed.ok) response = parsed.value;
        else if (/json/i.test(read.contentType)) return fail(parsed.problems[0]?.message ?? 'the response is not valid JSON', status);
      }
      (traces.get(step.actionId) as Trace).responses = { success: response };
      steps.push({ actionId: step.actionId, ok: true, status, response });
      emit({ type: 'step-succeeded', step: i, total, actionId: step.actionId, status, unused: req.unused });
    } catch (err) {
      if (err instanceof Cancelled || options.signal?.aborted) return fail('cancelled');
      if (err instanceof Timeout) return fail(`the request ${err.message}`);
      return fail(`the request failed (${err instanceof Error ? err.message.slice(0, 160) : 'network error'})`);
    }
  }
  let output: unknown = steps.length > 0 ? steps[steps.length - 1].response : undefined;
  if (plan.outputLinks.length > 0) {
    output = undefined;
    for (const link of plan.outputLinks) {
      const value = valueFor(link, traces);
      if (value !== undefined && value !== null && link.target.kind === 'output') output = writePath(output, link.target.path, value);
    }
  }
  return finish({ ok: true, output, steps });
}
