export function InboxView() {
  return (
    <div class="empty" data-testid="inbox-view">
      <h2>No conversations yet</h2>
      <p>When you talk to a site’s agent, or it starts a negotiation with you, the thread appears here.</p>
    </div>
  );
}
