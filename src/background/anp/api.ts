import type { Result } from '../../shared/api';
import type { AnpApi, AnpCallResult, AnpIdentityView, AnpSettingsView } from '../../shared/api-anp';
import { formParams } from '../../protocols/anp/openrpc-form';
import { negotiateRequest, readNegotiationResponse } from '../../protocols/anp/meta-negotiation';
import { getRecord, listRecords, putRecord } from '../../store/records';
import { getThread } from '../../store/threads';
import type { ThreadRecord } from '../../store/schema';
import type { BackgroundContext } from '../context';
import { loadAgents, type LoadedAgent } from './agents';
import {
  checkDidHost, ensurePublished, identityView, personaDid, personaDocument, personaOf, readAnpSettings, setSiteIdentity, siteIdentity, writeAnpSettings, type Persona,
} from './identities';
import { signedPost } from './signed-fetch';

async function attempt<T>(fn: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

const short = (did: string) => (did.length > 60 ? `${did.slice(0, 40)}…${did.slice(-12)}` : did);

/** Called once per worker life: registers ANP's handlers and returns its popup methods. */
export function createAnpApi(ctx: BackgroundContext): AnpApi {
  const { vault, consent, inbox } = ctx;

  async function persona(origin: string): Promise<Persona> {
    const keys = vault.didWba();
    if (!keys) throw new Error('Emissary is locked.');
    const s = await readAnpSettings();
    if (!s.didHost) throw new Error('Choose where your DID documents are published first (Settings → Identity).');
    const { persona: name, rotation } = personaOf(origin, await siteIdentity(origin), s);
    return personaDid(keys, name, rotation, s.didHost);
  }

  async function identityFor(origin: string): Promise<AnpIdentityView> {
    const s = await readAnpSettings();
    const id = await siteIdentity(origin);
    try {
      return identityView(origin, id, s, await persona(origin));
    } catch (err) {
      return identityView(origin, id, s, null, (err as Error).message);
    }
  }

  async function agentOf(origin: string, agentUrl: string): Promise<LoadedAgent> {
    const { agents } = await loadAgents(origin, ctx.fetchText);
    const agent = agents.find((a) => a.view.url === agentUrl);
    if (!agent) throw new Error('That agent is not described on this site any more.');
    return agent;
  }

  /** Before the first signed request to a site: the user sees which identity the site will get. */
  async function firstContact(origin: string, agent: LoadedAgent, p: Persona): Promise<void> {
    const key = `${origin} ${p.did}`;
    if (await getRecord<boolean>('anp-contact', key)) return;
    const s = await readAnpSettings();
    const mode = (await siteIdentity(origin)).mode;
    const ok = await consent.confirm({
      origin, kind: 'anp-first-contact',
      title: `Sign in to ${agent.view.name} with a decentralised identity?`,
      summary: `This is the first signed request to ${origin}. The site will see the DID below and nothing else about you.`,
      details: [
        { label: 'Site', value: origin },
        { label: 'Identity', value: mode === 'shared' ? `Shared identity “${s.sharedName}” (other sites using it can link you)` : 'Only for this site (sites cannot link you)' },
        { label: 'DID', value: p.did },
        { label: "Agent's DID", value: agent.view.did ? `${short(agent.view.did)} (${agent.view.didCheck === 'verified' ? 'resolved, proof verified' : agent.view.didCheck === 'failed' ? `not verified: ${agent.view.didProblem ?? ''}` : 'none'})` : 'none given' },
      ],
      warnings: agent.view.didCheck === 'failed' ? ["The agent's own DID did not verify."] : [],
      data: { contactKey: key },
    });
    if (!ok) throw new Error('You declined to sign in to this site; nothing was sent.');
    await putRecord('anp-contact', key, true);
  }

  async function threadFor(origin: string, agent: LoadedAgent): Promise<ThreadRecord> {
    const key = `${origin} ${agent.view.url}`;
    const id = await getRecord<string>('anp-thread', key);
    const existing = id ? await getThread(id) : undefined;
    if (existing) return existing;
    const nl = agent.interfaces.find((i) => i.view.kind === 'natural-language' && i.endpoint);
    const thread = await inbox.open({
      id: crypto.randomUUID(), origin, protocol: 'anp', agent: { url: agent.view.url, name: agent.view.name.slice(0, 120) },
      title: agent.view.name.slice(0, 120), state: 'done', remote: { agentUrl: agent.view.url, nlEndpoint: nl?.endpoint ?? null },
    });
    await putRecord('anp-thread', key, thread.id);
    return thread;
  }

  async function signed(origin: string, agent: LoadedAgent, endpoint: string, body: unknown) {
    const p = await persona(origin);
    await firstContact(origin, agent, p);
    const keys = vault.didWba();
    if (!keys) throw new Error('Emissary is locked.');
    await ensurePublished(keys, p, await readAnpSettings());
    return signedPost(vault, p, endpoint, body);
  }

  async function ask(thread: ThreadRecord, text: string): Promise<void> {
    const endpoint = typeof thread.remote.nlEndpoint === 'string' ? thread.remote.nlEndpoint : null;
    if (!endpoint) throw new Error('This agent has no natural-language interface Emissary can use.');
    const agent = await agentOf(thread.origin, String(thread.remote.agentUrl));
    await inbox.append(thread.id, [{ direction: 'out', createdAt: Date.now(), kind: 'text', text }], 'waiting-for-agent');
    try {
      const res = await signed(thread.origin, agent, endpoint, { question: text });
      if (res.status !== 200) throw new Error(`The agent answered HTTP ${res.status}.`);
      let answer = res.text;
      try {
        const j = JSON.parse(res.text) as Record<string, unknown>;
        answer = String(j.answer ?? j.reply ?? j.message ?? res.text);
      } catch {
        // plain text answer
      }
      await inbox.append(thread.id, [{ direction: 'in', createdAt: Date.now(), kind: 'text', text: answer.slice(0, 20_000) }], 'waiting-for-you');
    } catch (err) {
      await inbox.append(thread.id, [{ direction: 'note', createdAt: Date.now(), kind: 'text', text: (err as Error).message }]);
      await inbox.setState(thread.id, 'failed', (err as Error).message);
      throw err;
    }
  }

  // Decided after the worker restarted: an approved first contact still counts for the next try; a
  // human-authorization call is not replayed (the user starts it again, seeing the current state).
  consent.onOrphanDecision('anp-first-contact', async (record, outcome) => {
    const key = (record.payload.data as { contactKey?: unknown } | undefined)?.contactKey;
    if (outcome === 'approved' && typeof key === 'string') await putRecord('anp-contact', key, true);
  });
  consent.onOrphanDecision('anp-human-authorization', async (record) => {
    const threadId = (record.payload.data as { threadId?: unknown } | undefined)?.threadId;
    if (typeof threadId === 'string') await inbox.append(threadId, [{ direction: 'note', createdAt: Date.now(), kind: 'text', text: `${record.payload.title} was decided after Emissary restarted; nothing was sent. Call it again if you still want it.` }]);
  });

  inbox.register('anp', {
    send: ask,
    answer: async () => {
      throw new Error('ANP agents do not ask structured questions in Emissary yet.');
    },
  });

  async function settingsView(): Promise<AnpSettingsView> {
    const s = await readAnpSettings();
    const keys = vault.didWba();
    const sites = await listRecords<{ mode: 'site' | 'shared'; rotation: number }>('anp-identity');
    const contacts = (await listRecords<boolean>('anp-contact')).map((r) => r.key.split(' ')[0]);
    const origins = [...new Set([...sites.map((r) => r.key), ...contacts])].slice(0, 50);
    const identities: AnpSettingsView['identities'] = [];
    for (const origin of [null, ...origins]) {
      const id = origin === null ? { mode: 'shared' as const, rotation: 0 } : (sites.find((r) => r.key === origin)?.value ?? { mode: 'site' as const, rotation: 0 });
      if (origin !== null && id.mode === 'shared') continue;
      let p: Persona | null = null;
      let document: string | null = null;
      if (keys && s.didHost) {
        const which = personaOf(origin ?? '', id, s);
        p = personaDid(keys, which.persona, which.rotation, s.didHost);
        document = JSON.stringify(await personaDocument(keys, p), null, 2);
      }
      identities.push({ ...identityView(origin, id, s, p), document, uploadPath: p ? new URL(p.documentUrl).pathname : null });
    }
    return { didHost: s.didHost, upload: s.upload, sharedName: s.sharedName, identities };
  }

  return {
    anpSite: (origin) =>
      attempt(async () => {
        const { agents, problems } = await loadAgents(origin, ctx.fetchText);
        for (const a of agents) {
          const t = await getRecord<string>('anp-thread', `${origin} ${a.view.url}`);
          if (t) a.view.threadId = t;
        }
        return { origin, identity: await identityFor(origin), agents: agents.map((a) => a.view), problems };
      }),
    anpSetIdentityMode: (origin, mode) =>
      attempt(async () => {
        const cur = await siteIdentity(origin);
        await setSiteIdentity(origin, { ...cur, mode });
        return identityFor(origin);
      }),
    anpRotateIdentity: (origin) =>
      attempt(async () => {
        const cur = await siteIdentity(origin);
        if (cur.mode === 'shared') await writeAnpSettings((s) => void (s.sharedRotation += 1));
        else await setSiteIdentity(origin, { ...cur, rotation: cur.rotation + 1 });
        // The site's access token belongs to the old DID; a new DID signs in afresh.
        return identityFor(origin);
      }),
    anpCall: (origin, agentUrl, index, method, values) =>
      attempt(async (): Promise<AnpCallResult> => {
        const agent = await agentOf(origin, agentUrl);
        const iface = agent.interfaces[index];
        const form = iface?.forms.find((f) => f.method === method);
        if (!iface || !form || !iface.endpoint) throw new Error(iface?.view.problem ?? 'That method is not offered by this agent.');
        const params = formParams(form, values);
        const thread = await threadFor(origin, agent);
        if (iface.view.humanAuthorization) {
          const ok = await consent.confirm({
            origin, kind: 'anp-human-authorization',
            title: `Allow ${agent.view.name} to run ${method}?`,
            summary: `${agent.view.name} marks this interface as needing your authorization (it may book, buy or change something).`,
            details: [{ label: 'Agent', value: agent.view.name }, { label: 'Method', value: method }, ...Object.entries(values).filter(([, v]) => v !== '').map(([k, v]) => ({ label: k, value: v.slice(0, 300) }))],
            raw: JSON.stringify(params, null, 2),
            data: { threadId: thread.id },
          });
          if (!ok) {
            await inbox.append(thread.id, [{ direction: 'note', createdAt: Date.now(), kind: 'text', text: `You declined ${method}; nothing was sent.` }]);
            throw new Error(`You declined ${method}; nothing was sent.`);
          }
        }
        const body = { jsonrpc: '2.0', id: crypto.randomUUID(), method, params };
        await inbox.append(thread.id, [{ direction: 'out', createdAt: Date.now(), kind: 'anp:call', text: `${method}(${JSON.stringify(params)})`, body: { method, params } }], 'waiting-for-agent');
        const res = await signed(origin, agent, iface.endpoint, body).catch(async (err: Error) => {
          await inbox.setState(thread.id, 'failed', err.message);
          throw err;
        });
        let reply: { result?: unknown; error?: { code?: number; message?: string } };
        try {
          reply = JSON.parse(res.text) as typeof reply;
        } catch {
          throw new Error(`The agent answered HTTP ${res.status} with something that is not JSON-RPC.`);
        }
        if (reply.error) {
          const msg = `${method} failed: ${String(reply.error.message ?? 'error').slice(0, 300)} (${reply.error.code ?? '?'})`;
          await inbox.append(thread.id, [{ direction: 'in', createdAt: Date.now(), kind: 'text', text: msg }], 'failed');
          throw new Error(msg);
        }
        const result = JSON.stringify(reply.result ?? null, null, 2).slice(0, 20_000);
        await inbox.append(thread.id, [{ direction: 'in', createdAt: Date.now(), kind: 'anp:result', text: result, body: { method, result: reply.result ?? null } }], 'done');
        return { threadId: thread.id, result, requests: res.requests, auth: res.auth };
      }),
    anpAsk: (origin, agentUrl, text) =>
      attempt(async () => {
        if (!text.trim()) throw new Error('Write a message first.');
        const thread = await threadFor(origin, await agentOf(origin, agentUrl));
        await ask(thread, text.slice(0, 4000));
        return { threadId: thread.id };
      }),
    anpNegotiate: (origin, agentUrl, intent) =>
      attempt(async () => {
        const agent = await agentOf(origin, agentUrl);
        const meta = agent.interfaces.find((i) => i.view.kind === 'meta-protocol' && i.endpoint);
        if (!meta?.endpoint) throw new Error('This agent offers no meta-protocol negotiation.');
        const thread = await threadFor(origin, agent);
        const p = await persona(origin);
        const tags = intent === 'book' ? ['hotel.booking', 'reservation.create'] : intent === 'search' ? ['hotel.search'] : ['conversation'];
        const request = negotiateRequest({
          negotiationId: crypto.randomUUID(), operationId: crypto.randomUUID(), senderDid: p.did, targetDid: agent.view.did,
          createdAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), intent: { name: intent, intentTags: tags },
          candidateInterfaceRefs: agent.interfaces.map((i) => i.view.id).filter((x): x is string => !!x && x !== meta.view.id),
          requiresHumanAuthorization: intent === 'book',
        });
        await inbox.append(thread.id, [{ direction: 'out', createdAt: Date.now(), kind: 'anp:negotiate', text: `Negotiate how to ${intent} (structured selection)`, body: request, negotiation: { stage: 'proposed', what: `Intent “${intent}” (${tags.join(', ')})`, under: 'ANP-06 anp.meta.negotiation.v1 (draft)' } }], 'waiting-for-agent');
        const res = await signed(origin, agent, meta.endpoint, request);
        const outcome = readNegotiationResponse(JSON.parse(res.text), Date.now());
        const protocol = [outcome.selected?.protocol, outcome.selected?.profile].filter(Boolean).join(' / ') || 'none';
        const digest = outcome.digest ? `${outcome.digest.slice(0, 20)}… (${outcome.digestCheck === 'checked' ? 'checked' : 'as stated'})` : 'no digest';
        await inbox.append(thread.id, [{
          direction: 'in', createdAt: Date.now(), kind: 'anp:negotiation',
          text: `${outcome.status}: ${protocol} via ${outcome.selected?.interface ?? '—'} (${outcome.executionMode ?? 'mode not given'})`,
          body: outcome,
          negotiation: {
            stage: outcome.status === 'accepted' ? 'accepted' : outcome.status === 'rejected' ? 'rejected' : 'countered',
            what: `Use ${protocol} through ${outcome.selected?.interface ?? '—'}${outcome.requiresHumanAuthorization ? ', with your authorization' : ''}`,
            under: `ANP-06 · digest ${digest} · ${outcome.validUntil ? `valid until ${outcome.validUntil}${outcome.expired ? ' (expired)' : ''}` : 'no expiry given'}`,
          },
        }], 'done');
        return { threadId: thread.id, protocol, digest: outcome.digest ?? '', validUntil: outcome.validUntil };
      }),
    anpSettings: () => attempt(settingsView),
    anpUpdateSettings: (patch) =>
      attempt(async () => {
        const didHost = patch.didHost !== undefined ? (patch.didHost.trim() === '' ? '' : checkDidHost(patch.didHost)) : undefined;
        if (patch.sharedName !== undefined && !/^[\p{L}\p{N} ._-]{1,40}$/u.test(patch.sharedName)) throw new Error('Name the shared identity with 1–40 letters, digits, spaces, dots, dashes or underscores.');
        await writeAnpSettings((s) => {
          if (didHost !== undefined) s.didHost = didHost;
          if (patch.upload) s.upload = patch.upload === 'manual' ? 'manual' : 'put';
          if (patch.sharedName !== undefined) s.sharedName = patch.sharedName;
        });
        return settingsView();
      }),
  };
}
