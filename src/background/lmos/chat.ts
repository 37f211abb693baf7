// A conversational LMOS agent as an Inbox thread: each message invokes the `chat` action with an ARC
// AgentRequest (over the lmosprotocol WebSocket when the Thing offers it, so the `agentEvent`s of the
// turn arrive on the same socket), and the AgentResult's assistant messages come back as the reply.
import { agentEventName, agentRequest, build, chatAction, eventLine, pickForm, resultText, type Incoming } from '../../protocols/lmos';
import type { NegotiationMark, ThreadRecord } from '../../store/schema';
import type { NewMessage } from '../../store/threads';
import type { Inbox, ThreadProtocolHandler } from '../inbox/service';
import type { LmosService } from './service';
import { LmosSocket } from './socket';

export interface LmosRemote {
  tdUrl: string;
  conversationId: string;
}

const TURN_TIMEOUT_MS = 60_000;

const under = (title: string) => `LMOS Thing "${title.slice(0, 60)}" · chat action (ARC AgentRequest)`;

export function createLmosChatHandler(inbox: Inbox, service: LmosService, now: () => number = Date.now): ThreadProtocolHandler {
  async function turnOverSocket(href: string, thingId: string, action: string, event: string | null, input: unknown, onEvent: (m: Incoming) => void): Promise<Incoming> {
    const socket = new LmosSocket(href, thingId);
    try {
      await socket.opened();
      if (event) await socket.subscribe(event, onEvent, () => crypto.randomUUID());
      return await socket.request(build.invokeAction(thingId, crypto.randomUUID(), action, input), (m) => m.type === 'actionStatus' && m.status !== 'pending', TURN_TIMEOUT_MS);
    } finally {
      socket.close();
    }
  }

  return {
    async send(thread: ThreadRecord, text: string) {
      const remote = thread.remote as unknown as LmosRemote;
      const thing = await service.thing(thread.origin, remote.tdUrl);
      const action = chatAction(thing.td);
      if (!action) throw new Error(`${thing.td.title} has no chat action any more.`);
      const turnId = crypto.randomUUID();
      const input = agentRequest(text, remote.conversationId, turnId);
      const mark: NegotiationMark = { stage: 'proposed', what: `Chat turn: ${text.slice(0, 80)}`, under: under(thing.td.title) };
      await inbox.append(thread.id, [{ direction: 'out', createdAt: now(), kind: 'text', text, negotiation: mark, remoteId: `out-${turnId}` }], 'waiting-for-agent');
      const affordance = thing.td.actions.find((a) => a.name === action)!;
      const picked = pickForm(affordance, 'invokeaction', 'ws');
      const events: NewMessage[] = [];
      let output: unknown;
      let failure: string | undefined;
      try {
        if (picked?.transport === 'ws') {
          const m = await turnOverSocket(picked.form.href, service.thingIdOf(thing), action, agentEventName(thing.td), input, (e) => {
            if (e.type === 'event') events.push({ direction: 'note', createdAt: now(), kind: 'lmos:event', text: eventLine(e.data), body: { event: e.event, data: e.data } });
          });
          if (m.type === 'error') failure = `${m.title}${m.detail ? `: ${m.detail}` : ''}`;
          else if (m.type === 'actionStatus' && m.status === 'failed') failure = typeof m.output === 'string' ? m.output : 'The agent says the turn failed.';
          else if (m.type === 'actionStatus') output = m.output;
        } else {
          const inv = await service.invoke(thing, action, input, 'http');
          await inv.done;
          if (inv.status === 'failed') failure = inv.error;
          else output = inv.output;
        }
      } catch (err) {
        failure = (err as Error).message;
      }
      if (failure) {
        await inbox.append(thread.id, [...events, { direction: 'note', createdAt: now(), kind: 'text', text: `The agent could not answer: ${failure}`, negotiation: { stage: 'failed', what: 'Chat turn failed', under: under(thing.td.title) } }], 'waiting-for-you');
        return;
      }
      const reply = resultText(output) ?? (output === undefined || output === null ? '(no answer)' : JSON.stringify(output).slice(0, 2000));
      await inbox.append(thread.id, [...events, { direction: 'in', createdAt: now(), kind: 'text', text: reply, remoteId: `in-${turnId}`, negotiation: { stage: 'confirmed', what: 'The agent answered', under: under(thing.td.title) } }], 'waiting-for-you');
    },
    async answer() {
      throw new Error('LMOS agents ask nothing that needs an answer here; write a message instead.');
    },
  };
}
