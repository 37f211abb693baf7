import { useEffect, useState } from 'preact/hooks';
import type { CredentialInput, FlowAuthNeed, FlowRunView, FlowView, PaymentReceipt } from '../../shared/api';
import { Receipt } from '../payments/Receipt';
import { background } from '../../shared/rpc-client';
import { collectInputs, type FieldValues } from './field-values';
import { FlowField } from './FlowField';
import { RunProgress } from './RunProgress';

/** Pick values, give credentials once, run, and watch each step. */
export function FlowRunner({ origin, flow, onBack }: { origin: string; flow: FlowView; onBack: () => void }) {
  const [values, setValues] = useState<FieldValues>(() =>
    Object.fromEntries(flow.fields.filter((f) => f.default !== undefined).map((f) => [f.key, f.type === 'boolean' ? f.default === true : String(f.default)])),
  );
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [runId, setRunId] = useState<string | null>(null);
  const [run, setRun] = useState<FlowRunView | null>(null);
  const missingAuth = flow.auth.filter((a) => !a.saved && a.type !== 'unsupported');

  // Progress lives in the background's store; the popup just reads it until the run ends.
  useEffect(() => {
    if (!runId) return;
    let stopped = false;
    const poll = async () => {
      const current = await background.flowRun(runId).catch(() => null);
      if (stopped) return;
      if (current) setRun(current);
      if (!current || current.status === 'running') setTimeout(poll, 250);
    };
    void poll();
    return () => {
      stopped = true;
    };
  }, [runId]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const collected = collectInputs(flow.fields, values);
    if (!collected.ok) return setError({ field: collected.field, message: collected.error });
    for (const need of missingAuth) {
      const secret = secrets[need.scheme]?.trim();
      if (!secret) return setError({ field: `auth-${need.scheme}`, message: `Enter the ${need.label} first.` });
      const saved = await background.saveSiteCredential(origin, need.sourceId, credentialFor(need, secret));
      if (!saved.ok) return setError({ message: saved.error });
    }
    setError(null);
    setRun(null);
    const started = await background.startFlow(origin, flow.id, collected.input);
    if (started.ok) setRunId(started.value);
    else setError({ message: started.error });
  };

  const running = run?.status === 'running' || (runId !== null && !run);

  // A step that answers 402 waits for a payment decision: show it here, where the person is.
  const [asks, setAsks] = useState<PaymentReceipt[]>([]);
  useEffect(() => {
    if (!running) return setAsks([]);
    const timer = setInterval(() => {
      background.pendingPayments().then((all) => setAsks(all.filter((p) => p.origin === origin)), () => {});
    }, 400);
    return () => clearInterval(timer);
  }, [running, origin]);
  const decide = async (r: PaymentReceipt, decision: 'approve' | 'reject') => {
    const result = await background.decidePayment(r.id, decision, r.contentHash);
    if (!result.ok) setError({ message: result.error });
    setAsks(asks.filter((a) => a.id !== r.id));
  };
  return (
    <div class="stack" data-testid="flow-runner">
      <button type="button" class="btn btn--ghost btn--small back" onClick={onBack}>
        ← All of this site’s flows
      </button>
      <header class="stack tight">
        <h2>{flow.title}</h2>
        {flow.description && <p class="muted">{flow.description}</p>}
      </header>
      <form class="card stack" onSubmit={submit} noValidate>
        {flow.fields.map((f) => (
          <FlowField field={f} value={values[f.key]} invalid={error?.field === f.key} onChange={(v) => setValues({ ...values, [f.key]: v })} />
        ))}
        {missingAuth.map((need) => (
          <div class="field" key={need.scheme}>
            <label for={`auth-${need.scheme}`}>{need.label}</label>
            <input
              id={`auth-${need.scheme}`}
              type="password"
              autoComplete="off"
              value={secrets[need.scheme] ?? ''}
              aria-invalid={error?.field === `auth-${need.scheme}` || undefined}
              onInput={(e) => setSecrets({ ...secrets, [need.scheme]: (e.target as HTMLInputElement).value })}
            />
            <p class="hint">Kept encrypted in Emissary and only ever sent to {need.sendsTo}.</p>
          </div>
        ))}
        {flow.auth.some((a) => a.saved) && <p class="muted small">Using the credentials you saved for this site.</p>}
        {error && (
          <p class="error" role="alert">
            {error.message}
          </p>
        )}
        <button type="submit" class="btn btn--primary" disabled={running || flow.problems.length > 0}>
          {running ? 'Running…' : `Run ${flow.steps.length} step${flow.steps.length === 1 ? '' : 's'}`}
        </button>
      </form>
      {asks.map((r) => (
        <Receipt receipt={r} autoFocus>
          <div class="row actions">
            <button type="button" class="btn btn--primary" data-testid="approve" onClick={() => decide(r, 'approve')}>
              Pay {r.amount}
            </button>
            <button type="button" class="btn" data-testid="reject" onClick={() => decide(r, 'reject')}>
              Reject
            </button>
          </div>
        </Receipt>
      ))}
      {(run || runId) && <RunProgress steps={run?.steps ?? flow.steps.map((summary) => ({ actionId: '', summary, state: 'waiting' as const }))} run={run} />}
    </div>
  );
}

function credentialFor(need: FlowAuthNeed, secret: string): CredentialInput {
  if (need.type === 'bearer') return { type: 'bearer', token: secret };
  if (need.type === 'basic') {
    const at = secret.indexOf(':');
    return { type: 'basic', username: at < 0 ? secret : secret.slice(0, at), password: at < 0 ? '' : secret.slice(at + 1) };
  }
  return { type: 'apiKey', scheme: need.scheme, value: secret };
}
