// Agora threads in the Inbox: natural language until the user accepts a protocol document the
// agent offered; then every message goes under it (protocolHash + protocolSources + body), and
// documents with a JSON request format get a form and a result table in the thread.
import { conversationUrl, encodeDataUri, findOffers, withoutOffers, naturalLanguageRequest, protocolHash, protocolRequest, type AgoraOutcome } from '../../protocols/agora';
import type { MessageRecord, ThreadRecord } from '../../store/schema';
import { updateMessage, updateThread } from '../../store/threads';
import type { NewMessage } from '../../store/threads';
import type { Inbox, ThreadProtocolHandler } from '../inbox/service';
import { getProtocol, markAccepted, markUsed, rememberProtocol } from './library';
import { costOf, marks, offerBody, summarize, type AgoraRemote, type FormBody, type OfferBody, type RequestBody, type ResultBody } from './messages';
import { postAgora } from './net';
import { resolveOffer } from './resolve';

function remoteOf(thread: ThreadRecord): AgoraRemote {
  return thread.remote as unknown as AgoraRemote;
}

function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function createAgoraHandler(inbox: Inbox, now: () => number = Date.now): ThreadProtocolHandler {
  /** Reads what the agent offered in a natural-language reply and appends one message per offer. */
  async function offersIn(thread: ThreadRecord, body: string): Promise<NewMessage[]> {
    const out: NewMessage[] = [];
    for (const offer of findOffers(body, protocolHash)) {
      const resolved = await resolveOffer(offer, remoteOf(thread).endpoint);
      if (!resolved.ok) {
        out.push({ direction: 'in', createdAt: now(), kind: 'agora:offer', text: `The agent offered a protocol document (${offer.hash.slice(0, 12)}…), but Emissary did not use it.`, problems: resolved.tried, negotiation: marks.offerFailed(offer.hash) });
        continue;
      }
      // An inline document (negotiation's <FINALPROTOCOL>) is sent on as a data: URI, as the library does.
      const sources = offer.inlineText !== undefined ? [encodeDataUri(offer.inlineText)] : offer.sources;
      const doc = { hash: offer.hash, sources, name: resolved.metadata.name, description: resolved.metadata.description, multiround: resolved.metadata.multiround, noFrontMatter: resolved.metadata.missing, text: resolved.text, formats: resolved.formats };
      await rememberProtocol(doc, now());
      const record = (await getProtocol(offer.hash))!;
      out.push({ direction: 'in', createdAt: now(), kind: 'agora:offer', text: `The agent offers the protocol document "${doc.name}".`, body: offerBody(record, resolved.source, resolved.algorithm), negotiation: marks.offered(offer.hash, doc.name) });
    }
    return out;
  }

  /** Posts one message and appends the reply (or says why there is none). */
  async function exchange(thread: ThreadRecord, body: string, sent: NewMessage): Promise<void> {
    const remote = remoteOf(thread);
    const protocol = remote.protocol;
    const url = remote.conversationId ? conversationUrl(remote.endpoint, remote.conversationId) : remote.endpoint;
    await inbox.append(thread.id, [sent], 'waiting-for-agent');
    const outcome: AgoraOutcome = await postAgora(url, protocol ? protocolRequest(protocol.hash, protocol.sources, body, protocol.multiround) : naturalLanguageRequest(body));
    if (outcome.status === 'rejected') {
      if (protocol) {
        await updateThread(thread.id, (t) => {
          delete (t.remote as Partial<AgoraRemote>).protocol;
          delete (t.remote as Partial<AgoraRemote>).conversationId;
        });
      }
      await inbox.append(thread.id, [{ direction: 'note', createdAt: now(), kind: 'text', text: protocol ? `The agent refused "${protocol.name}": ${outcome.message} Emissary writes in plain language again.` : `The agent refused the message: ${outcome.message}`, ...(protocol ? { negotiation: marks.refused(protocol.hash, protocol.name) } : {}) }], 'waiting-for-you');
      return;
    }
    if (outcome.status === 'failure') {
      await inbox.append(thread.id, [{ direction: 'note', createdAt: now(), kind: 'text', text: `The agent could not handle the message: ${outcome.message}` }], 'waiting-for-you');
      return;
    }
    if (outcome.conversationId && !remote.conversationId) await updateThread(thread.id, (t) => void ((t.remote as Partial<AgoraRemote>).conversationId = outcome.conversationId));
    if (protocol) {
      await markUsed(protocol.hash, remote.endpoint, now());
      const doc = await getProtocol(protocol.hash);
      const json = jsonObject(outcome.body);
      const error = json && typeof json.error === 'string' ? json.error.slice(0, 300) : undefined;
      const result: ResultBody = { hash: protocol.hash, name: protocol.name, ...(json ? { json } : {}), ...(doc?.formats.response ? { response: doc.formats.response } : {}) };
      const negotiation = error ? marks.resultError(protocol.hash, error) : marks.result(protocol.hash, json ? summarize(json) : outcome.body.slice(0, 120), costOf(json));
      await inbox.append(thread.id, [{ direction: 'in', createdAt: now(), kind: 'agora:result', text: outcome.body, body: result, negotiation }], 'waiting-for-you');
      return;
    }
    const offers = await offersIn(thread, outcome.body);
    await inbox.append(thread.id, [{ direction: 'in', createdAt: now(), kind: 'text', text: offers.length ? withoutOffers(outcome.body) : outcome.body }, ...offers], 'waiting-for-you');
  }

  async function accept(thread: ThreadRecord, message: MessageRecord, offer: OfferBody): Promise<void> {
    const doc = await getProtocol(offer.hash);
    if (!doc) throw new Error('That protocol document is no longer in the library; ask the agent again.');
    const endpoint = remoteOf(thread).endpoint;
    await markAccepted(doc.hash, endpoint, thread.origin, now());
    await updateThread(thread.id, (t) => {
      (t.remote as Partial<AgoraRemote>).protocol = { hash: doc.hash, sources: doc.sources, name: doc.name, multiround: doc.multiround };
      delete (t.remote as Partial<AgoraRemote>).conversationId;
    });
    await updateMessage(message.id, (m) => void (m.answered = { at: now(), summary: `Accepted "${doc.name}"` }));
    const added: NewMessage[] = [{ direction: 'out', createdAt: now(), kind: 'text', text: `You accepted "${doc.name}" for ${thread.agent.name}. Messages now follow it.`, negotiation: marks.accepted(doc.hash, doc.name) }];
    if (doc.formats.request) {
      const form: FormBody = { hash: doc.hash, name: doc.name, request: doc.formats.request, ...(doc.formats.response ? { response: doc.formats.response } : {}) };
      added.push({ direction: 'note', createdAt: now(), kind: 'agora:form', text: `Send a "${doc.name}" request`, body: form });
    }
    await inbox.append(thread.id, added, 'waiting-for-you');
  }

  return {
    async send(thread, text) {
      const protocol = remoteOf(thread).protocol;
      const json = protocol ? jsonObject(text) : undefined;
      const sent: NewMessage = protocol
        ? { direction: 'out', createdAt: now(), kind: 'agora:request', text, body: { hash: protocol.hash, name: protocol.name, ...(json ? { json } : {}) } satisfies RequestBody, negotiation: marks.request(protocol.hash, json ? summarize(json) : text.slice(0, 120)) }
        : { direction: 'out', createdAt: now(), kind: 'text', text };
      await exchange(thread, text, sent);
    },

    async answer(thread, message, answer) {
      const a = (answer ?? {}) as { accept?: unknown; values?: unknown };
      if (message.kind === 'agora:offer') {
        const offer = message.body as OfferBody | undefined;
        if (!offer) throw new Error('That offer could not be verified; there is nothing to accept.');
        if (a.accept === true) return accept(thread, message, offer);
        await updateMessage(message.id, (m) => void (m.answered = { at: now(), summary: `Declined "${offer.name}"` }));
        await inbox.append(thread.id, [{ direction: 'out', createdAt: now(), kind: 'text', text: `You declined "${offer.name}". Messages stay in plain language.`, negotiation: marks.declined(offer.hash, offer.name) }]);
        return;
      }
      if (message.kind === 'agora:form') {
        const form = message.body as FormBody;
        const protocol = remoteOf(thread).protocol;
        if (!protocol || protocol.hash !== form.hash) throw new Error(`"${form.name}" is no longer the accepted protocol of this conversation.`);
        if (!a.values || typeof a.values !== 'object' || Array.isArray(a.values)) throw new Error('Fill in the form first.');
        const json = a.values as Record<string, unknown>;
        const text = JSON.stringify(json);
        await exchange(thread, text, { direction: 'out', createdAt: now(), kind: 'agora:request', text, body: { hash: protocol.hash, name: protocol.name, json } satisfies RequestBody, negotiation: marks.request(protocol.hash, summarize(json)) });
        return;
      }
      throw new Error('Emissary does not know how to answer this message.');
    },
  };
}
