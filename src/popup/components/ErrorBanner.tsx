export function ErrorBanner({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div class="banner banner--error" role="alert">
      <span>{message}</span>
      {onRetry && (
        <button type="button" class="btn btn--small" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
