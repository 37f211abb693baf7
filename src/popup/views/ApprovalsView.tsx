export function ApprovalsView() {
  return (
    <div class="empty" data-testid="approvals-view">
      <h2>Nothing waiting for you</h2>
      <p>Payments and signatures that a site asks for, and that no budget of yours covers, wait here for your decision.</p>
    </div>
  );
}
