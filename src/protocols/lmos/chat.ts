// Conversational LMOS agents (Eclipse LMOS SDK `WotConversationalAgent`): `chat` is an action whose
// input is an ARC `AgentRequest` and whose output an `AgentResult`; progress arrives as `agentEvent`
// events (mcp-lmos.md §2.1, §2.4). Field names follow the ARC Kotlin data classes.
import type { ThingDescription } from './thing-description';

export function chatAction(td: ThingDescription): string | null {
  return td.actions.find((a) => a.name === 'chat')?.name ?? null;
}

export function agentEventName(td: ThingDescription): string | null {
  return td.events.find((e) => e.name === 'agentEvent')?.name ?? null;
}

export function agentRequest(text: string, conversationId: string, turnId: string): Record<string, unknown> {
  return {
    messages: [{ role: 'user', content: text, format: 'text', turnId }],
    conversationContext: { conversationId, turnId },
    systemContext: [],
    userContext: { userId: null, userToken: null, profile: [] },
  };
}

/** The assistant's words in an `AgentResult` (or a plain string output); null when it holds none. */
export function resultText(output: unknown): string | null {
  if (typeof output === 'string') return output.slice(0, 20_000);
  if (!output || typeof output !== 'object') return null;
  const messages = (output as { messages?: unknown }).messages;
  if (!Array.isArray(messages)) return null;
  const texts = messages
    .filter((m): m is { content: string; role?: string } => !!m && typeof m === 'object' && typeof (m as { content?: unknown }).content === 'string')
    .filter((m) => m.role === undefined || m.role === 'assistant')
    .map((m) => m.content);
  return texts.length ? texts.join('\n\n').slice(0, 20_000) : null;
}

/** A one-line account of an agent event (`AgentEvent` {type, payload, conversationId…}) for the thread. */
export function eventLine(data: unknown): string {
  if (typeof data === 'string') return data.slice(0, 500);
  if (data && typeof data === 'object') {
    const d = data as Record<string, unknown>;
    const type = typeof d.type === 'string' ? d.type : 'event';
    const payload = typeof d.payload === 'string' ? d.payload : d.payload !== undefined ? JSON.stringify(d.payload) : '';
    return `${type}${payload ? `: ${payload}` : ''}`.slice(0, 500);
  }
  return String(data).slice(0, 500);
}
