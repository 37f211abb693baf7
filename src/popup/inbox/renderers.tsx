// How the Inbox renders a message, by its kind. A protocol registers widgets for its structured
// messages ('aitp:request_decision' → a decision card…); anything else is shown as text.
import type { FunctionComponent } from 'preact';
import type { MessageView, ThreadSummary } from '../../shared/api-inbox';

export interface MessageWidgetProps {
  thread: ThreadSummary;
  message: MessageView;
  /** Sends the answer to a structured request; resolves to an error message or null. */
  answer: (answer: unknown) => Promise<string | null>;
}

type Widget = FunctionComponent<MessageWidgetProps>;

const widgets = new Map<string, Widget>();

/** Registers the widget for a message kind ('aitp:quote'), or for every kind of a prefix ('agora:*'). */
export function registerMessageWidget(kind: string, widget: Widget): void {
  widgets.set(kind, widget);
}

export function widgetFor(kind: string): Widget | undefined {
  return widgets.get(kind) ?? widgets.get(`${kind.split(':')[0]}:*`);
}
