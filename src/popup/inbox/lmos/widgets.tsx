// LMOS agent events in a chat thread: the event's name and a one-line account, as text.
import type { MessageWidgetProps } from '../renderers';
import { registerMessageWidget } from '../renderers';

function EventWidget({ message }: MessageWidgetProps) {
  const body = message.body as { event?: string } | undefined;
  return (
    <span class="small" data-testid="lmos-event">
      <span class="pill">{body?.event ?? 'event'}</span> {message.text}
    </span>
  );
}

registerMessageWidget('lmos:event', EventWidget);
