import type { FlowRunView } from '../../shared/api';

const STATE_LABEL = { waiting: 'Waiting', running: 'Running', done: 'Done', failed: 'Failed' } as const;
const OUTPUT_CAP = 20_000;

/** Each step in order with its state, then the result as text (a site's data is never markup). */
export function RunProgress({ steps, run }: { steps: FlowRunView['steps']; run: FlowRunView | null }) {
  const output = run?.output === undefined ? '' : JSON.stringify(run.output, null, 2) ?? '';
  return (
    <section class="card stack" aria-live="polite" data-testid="run-progress" data-status={run?.status ?? 'running'}>
      <h3>Progress</h3>
      <ol class="steps">
        {steps.map((s, i) => (
          <li class={`step step--${s.state}`} data-testid="run-step" data-state={s.state}>
            <span class="step-dot" aria-hidden="true">
              {s.state === 'done' ? '✓' : s.state === 'failed' ? '!' : i + 1}
            </span>
            <div>
              <p class="mono">{s.summary}</p>
              <p class="small muted">
                {STATE_LABEL[s.state]}
                {s.status !== undefined && ` · HTTP ${s.status}`}
              </p>
              {s.error && <p class="small error">{s.error}</p>}
            </div>
          </li>
        ))}
      </ol>
      {run?.status === 'done' && (
        <>
          <h3>Result</h3>
          <pre class="output" data-testid="run-output">
            {output.length > OUTPUT_CAP ? `${output.slice(0, OUTPUT_CAP)}\n… (${output.length - OUTPUT_CAP} more characters)` : output}
          </pre>
        </>
      )}
      {run?.status === 'failed' && (
        <p class="error" role="alert" data-testid="run-error">
          {run.error ?? 'The flow failed.'}
        </p>
      )}
    </section>
  );
}
