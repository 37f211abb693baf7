// agents.json flows for the popup: what a site's flows need (form, credentials), and running them
// with progress written to idb as it happens.
import {
  flowForm,
  parseAgentsJson,
  planFlow,
  resolveOperations,
  runFlow,
  type AgentsJsonDoc,
  type FetchLike,
  type FlowPlan,
  type Resolution,
} from '../protocols/agents-json';
import type { FlowAuthNeed, FlowInputView, FlowView } from '../shared/api';
import { putRun, updateRun } from '../store/runs';
import { getSite } from '../store/sites';
import type { FlowRunRecord } from '../store/schema';
import type { VaultService } from './vault-service';

export type FetchText = (url: string, kind: 'agentsJson' | 'openapi') => Promise<string>;

interface SiteFlows {
  doc: AgentsJsonDoc;
  resolution: Resolution;
  loadedAt: number;
}

const LOADED_TTL_MS = 5 * 60_000;
const loaded = new Map<string, SiteFlows>();

/** Discovery found a newer agents.json: the next flow load reads it. */
export function forgetFlows(origin: string): void {
  loaded.delete(origin);
}

async function load(origin: string, fetchText: FetchText): Promise<SiteFlows> {
  const cached = loaded.get(origin);
  if (cached && Date.now() - cached.loadedAt < LOADED_TTL_MS) return cached;
  const discovered = (await getSite(origin))?.agentsJson;
  if (discovered) {
    const site = { ...discovered, loadedAt: Date.now() };
    loaded.set(origin, site);
    return site;
  }
  const url = `${origin}/.well-known/agents.json`;
  const parsed = parseAgentsJson(await fetchText(url, 'agentsJson'), url);
  if (!parsed.ok) throw new Error(parsed.problems.find((p) => p.severity === 'error')?.message ?? 'agents.json: cannot be used');
  const texts: Record<string, string> = {};
  // Every source at once: a slow OpenAPI document should not hold up the others.
  await Promise.all(
    parsed.doc.sources.map(async (s) => {
      if (s.url) texts[s.id] = await fetchText(s.url, 'openapi').catch(() => '');
    }),
  );
  const site = { doc: parsed.doc, resolution: resolveOperations(parsed.doc, texts), loadedAt: Date.now() };
  loaded.set(origin, site);
  return site;
}

function authNeeds(plan: FlowPlan, saved: Record<string, unknown>): FlowAuthNeed[] {
  const needs = new Map<string, FlowAuthNeed>();
  for (const step of plan.steps) {
    for (const [name, scheme] of Object.entries(step.operation.securitySchemes)) {
      const id = `${step.sourceId}:${name}`;
      if (needs.has(id)) continue;
      const label =
        scheme.type === 'apiKey' ? `API key (${scheme.in} “${scheme.name}”)` : scheme.type === 'http' ? (scheme.scheme.toLowerCase() === 'basic' ? 'user name and password' : 'bearer token') : scheme.type;
      needs.set(id, {
        sourceId: step.sourceId,
        scheme: name,
        type: scheme.type === 'apiKey' ? 'apiKey' : scheme.type === 'http' ? (scheme.scheme.toLowerCase() === 'basic' ? 'basic' : 'bearer') : 'unsupported',
        label,
        sendsTo: step.operation.sourceOrigin ?? '(no usable server)',
        saved: step.sourceId in saved,
      });
    }
  }
  return [...needs.values()];
}

export async function describeFlows(origin: string, fetchText: FetchText, vault: VaultService): Promise<FlowView[]> {
  const site = await load(origin, fetchText);
  const saved = (await vault.readSecrets())?.siteCredentials[origin] ?? {};
  return site.doc.flows.map((flow) => {
    const actions = site.resolution.flows.get(flow.id) ?? new Map();
    const planned = planFlow(flow, actions);
    const form = flowForm(flow, actions);
    return {
      id: flow.id,
      title: flow.title,
      description: flow.description,
      steps: planned.ok ? planned.plan.steps.map((s) => s.summary) : [],
      fields: form.fields as FlowInputView[],
      auth: planned.ok ? authNeeds(planned.plan, saved) : [],
      problems: planned.problems.filter((p) => p.severity === 'error').map((p) => p.message),
    };
  });
}

export async function startFlow(
  origin: string,
  flowId: string,
  input: { parameters: Record<string, unknown>; requestBody?: Record<string, unknown> },
  deps: { fetchText: FetchText; fetch: FetchLike; vault: VaultService },
): Promise<string> {
  const site = await load(origin, deps.fetchText);
  const flow = site.doc.flows.find((f) => f.id === flowId);
  if (!flow) throw new Error(`This site has no flow “${flowId}”.`);
  const planned = planFlow(flow, site.resolution.flows.get(flow.id) ?? new Map());
  if (!planned.ok) throw new Error(planned.problems[0]?.message ?? 'This flow cannot run.');
  const secrets = await deps.vault.readSecrets();
  if (!secrets) throw new Error('Unlock Emissary to run flows.');
  const saved = secrets.siteCredentials[origin] ?? {};
  // Credentials given on this origin are bound to it: runFlow refuses to send them anywhere else.
  const credentials = Object.fromEntries(Object.entries(saved).map(([sourceId, creds]) => [sourceId, { origin, credentials: creds }]));

  const run: FlowRunRecord = {
    id: crypto.randomUUID(),
    origin,
    flowId,
    flowTitle: flow.title,
    status: 'running',
    startedAt: Date.now(),
    steps: planned.plan.steps.map((s) => ({ actionId: s.actionId, summary: s.summary, state: 'waiting' })),
  };
  await putRun(run);
  // Progress is written as it happens, one transaction per event, in order.
  let writes = Promise.resolve();
  const record = (change: (r: FlowRunRecord) => void) => (writes = writes.then(() => updateRun(run.id, change)));
  void runFlow(planned.plan, input, {
    fetch: deps.fetch,
    credentials,
    onProgress: (e) => {
      if (e.type === 'step-started') record((r) => void (r.steps[e.step].state = 'running'));
      if (e.type === 'step-succeeded') record((r) => Object.assign(r.steps[e.step], { state: 'done', status: e.status }));
      if (e.type === 'step-failed') record((r) => Object.assign(r.steps[e.step], { state: 'failed', status: e.status, error: e.error }));
    },
  }).then(
    (result) =>
      record((r) => {
        r.status = result.ok ? 'done' : 'failed';
        r.finishedAt = Date.now();
        r.output = result.output;
        r.error = result.error;
      }),
    (err: Error) => record((r) => Object.assign(r, { status: 'failed', finishedAt: Date.now(), error: err.message })),
  );
  return run.id;
}
