import type { MessageView } from '../../shared/api-inbox';

const STAGE_LABEL: Record<NonNullable<MessageView['negotiation']>['stage'], string> = {
  proposed: 'Proposed',
  countered: 'Countered',
  accepted: 'Accepted',
  rejected: 'Rejected',
  paid: 'Paid',
  confirmed: 'Confirmed',
  failed: 'Failed',
};

/** What was proposed, accepted and paid in a thread, in order, whatever the protocol. */
export function NegotiationView({ messages }: { messages: MessageView[] }) {
  const steps = messages.filter((m) => m.negotiation);
  if (steps.length === 0) return <p class="muted">Nothing has been proposed or agreed in this conversation yet.</p>;
  return (
    <ol class="timeline" aria-label="Negotiation" data-testid="negotiation">
      {steps.map((m) => {
        const n = m.negotiation!;
        return (
          <li data-stage={n.stage}>
            <strong>{STAGE_LABEL[n.stage]}</strong> <span class="muted">by {m.direction === 'out' ? 'you' : m.direction === 'in' ? 'the agent' : 'Emissary'} · {new Date(m.createdAt).toLocaleTimeString()}</span>
            <div>{n.what}</div>
            {(n.under || n.cost) && (
              <div class="muted">
                {n.under && <span>Under {n.under}</span>}
                {n.under && n.cost && ' · '}
                {n.cost && <span data-testid="negotiation-cost">{n.cost}</span>}
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
