import browser from 'webextension-polyfill';
import { aitpAgentsInDocument, aitpAgentsInLinks, aitpAgentUrl, parseRemoteForm, type AitpAgentRef, type Profile, type ProfileKey } from '../../protocols/aitp';
import { readCapped } from '../../protocols/discovery/read-capped';
import type { AitpApi } from '../../shared/api-aitp';
import type { Result } from '../../shared/api';
import { getRecord, putRecord } from '../../store/records';
import { getSite } from '../../store/sites';
import { getMessage, getThread, lastMessages, listThreads } from '../../store/threads';
import type { BackgroundContext } from '../context';
import { originOfSender } from '../discovery';
import { discoveryFor } from '../settings';
import { AitpClient } from './client';
import { aitpOf, type AitpBody } from './convert';
import { answerData, answerDecision, sendText, syncThread, type AitpDeps, type AitpRemote } from './handler';
import { answerQuote, resumeThreadPayments } from './pay';
import { askWallet, finishWallet, WALLET_CONSENT_KIND } from './wallet';

const LINK_KIND = 'aitp-link';
const POLL_ALARM = 'aitp-poll';
const POLL_WINDOW_MS = 60 * 60_000;
const DOC_KINDS = new Set(['wildcard-agents-json', 'leonting-agents-json', 'jmilinovich-agents-json', 'a2a-agent-card', 'anp-agent-description']);
const PROFILE_KEYS: readonly ProfileKey[] = ['name', 'given_name', 'family_name', 'email', 'tel', 'organization', 'street_address',
  'address_line1', 'address_line2', 'address_level1', 'address_level2', 'postal_code', 'country', 'country_name'];

async function attempt<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (e) {
    return { ok: false, error: (e as Error).message || 'That did not work.' };
  }
}

async function agentsOf(ctx: BackgroundContext, origin: string): Promise<AitpAgentRef[]> {
  const found: AitpAgentRef[] = [...((await getRecord<{ agents: AitpAgentRef[] }>(LINK_KIND, origin))?.agents ?? [])];
  const docs = ((await getSite(origin))?.documents ?? []).filter((d) => DOC_KINDS.has(d.kind) && d.problems.length === 0).slice(0, 4);
  for (const d of docs) {
    const text = await ctx.fetchText(d.url, 'agentsJson').catch(() => null);
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    for (const a of aitpAgentsInDocument(json, d.url)) if (!found.some((f) => f.url === a.url)) found.push(a);
  }
  return found.filter((a) => aitpAgentUrl(a.url, origin) !== null);
}

/** Called once per worker life: registers AITP's handlers and returns its popup methods. */
export function createAitpApi(ctx: BackgroundContext): AitpApi {
  const deps: AitpDeps = { ctx, onWalletRequest: (thread, m) => askWallet(thread, m, deps) };

  ctx.inbox.register('aitp', {
    send: (thread, text) => sendText(thread, text, deps),
    answer: async (thread, message, answer) => {
      if (message.problems?.length) throw new Error('Emissary does not act on that message.');
      const a = answer as never;
      switch (message.kind) {
        case 'aitp:request_decision': return answerDecision(thread, message, a, deps);
        case 'aitp:request_data': return answerData(thread, message, a, deps);
        case 'aitp:quote': return answerQuote(thread, message, a, deps);
        default: throw new Error('Answer this request in Approvals.');
      }
    },
    refresh: async (thread) => {
      await syncThread(thread.id, deps);
      const fresh = await getThread(thread.id);
      if (fresh) await resumeThreadPayments(fresh, await lastMessages(thread.id, 400), deps);
    },
  });
  ctx.consent.onOrphanDecision(WALLET_CONSENT_KIND, async (record, outcome) => {
    const data = record.payload.data as { threadId?: unknown; messageId?: unknown } | undefined;
    if (typeof data?.threadId === 'string' && typeof data.messageId === 'string') await finishWallet(data.threadId, data.messageId, outcome, deps);
  });
  // While the popup is closed, threads waiting for their agent are asked for news now and then; what the
  // agent asks then raises a notification (Inbox.append).
  // Created once: creating it again on every worker wake would restart its schedule each time.
  void browser.alarms.get(POLL_ALARM).then((alarm) => (alarm ? undefined : browser.alarms.create(POLL_ALARM, { periodInMinutes: 1 })));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== POLL_ALARM) return;
    void ctx.ready
      .then(async () => {
        const since = Date.now() - POLL_WINDOW_MS;
        const threads = (await listThreads({ limit: 50 })).filter((t) => t.protocol === 'aitp' && t.state === 'waiting-for-agent' && t.updatedAt > since);
        for (const t of threads.slice(0, 10)) await syncThread(t.id, deps);
      })
      .catch(() => undefined);
  });
  // The page's <link rel="aitp-agent">, from the same report discovery reads; the origin comes from the browser.
  browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
    const report = message as { type?: unknown; links?: unknown };
    if (report?.type !== 'emissary:visit') return undefined;
    const origin = originOfSender(sender);
    const pageUrl = sender.url ?? sender.tab?.url;
    if (!origin || !pageUrl) return undefined;
    const agents = aitpAgentsInLinks(report.links, pageUrl);
    void ctx.ready
      .then(() => discoveryFor(origin))
      .then(async (mode) => {
        if (mode === 'off') return;
        const before = await getRecord<{ agents: AitpAgentRef[] }>(LINK_KIND, origin);
        if (agents.length || before) await putRecord(LINK_KIND, origin, { agents });
      })
      .catch(() => undefined);
    return undefined;
  });

  return {
    aitpAgents: (origin) => attempt(() => agentsOf(ctx, origin)),
    aitpStart: (origin, agentUrl) =>
      attempt(async () => {
        const agent = (await agentsOf(ctx, origin)).find((a) => a.url === agentUrl);
        if (!agent) throw new Error('This site does not advertise that agent.');
        const actorId = `emissary-${crypto.randomUUID().slice(0, 8)}`;
        const client = new AitpClient({ agentUrl: agent.url, dialect: agent.dialect });
        const remoteThread = await client.createThread(actorId);
        const peer = remoteThread.actors.find((a) => a.id !== actorId);
        const name = agent.name ?? (peer ? `${peer.id.slice(0, 60)}` : new URL(agent.url).host);
        const remote: AitpRemote = { threadId: remoteThread.id, dialect: agent.dialect, actorId };
        const thread = await ctx.inbox.open({
          id: crypto.randomUUID(), origin, protocol: 'aitp', agent: { url: agent.url, name }, title: `Conversation with ${name}`,
          state: 'waiting-for-agent', remote: remote as unknown as Record<string, unknown>,
        });
        await syncThread(thread.id, deps);
        return thread.id;
      }),
    aitpRemoteForm: (threadId, messageId, allowOtherOrigin) =>
      attempt(async () => {
        const thread = await getThread(threadId);
        const message = await getMessage(messageId);
        const request = message && message.threadId === threadId ? aitpOf(message, 'data.request_data') : null;
        const url = request?.body.form.json_url;
        if (!thread || !request || !url) throw new Error('That request has no form to fetch.');
        const sameOrigin = new URL(url).origin === new URL(thread.agent.url).origin;
        if (!sameOrigin && !allowOtherOrigin) throw new Error(`The form is on ${new URL(url).origin}, not the agent's site. Allow it to fetch it.`);
        const response = await fetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer', redirect: 'error', signal: AbortSignal.timeout(15_000), headers: { accept: 'application/json' } });
        if (!response.ok) throw new Error(`The form could not be fetched (HTTP ${response.status}).`);
        const read = await readCapped(response, 256 * 1024);
        if (!read.ok) throw new Error(`The form ${read.message}.`);
        let json: unknown;
        try {
          json = JSON.parse(read.text);
        } catch {
          throw new Error('The form is not JSON.');
        }
        const form = parseRemoteForm(json, url);
        if (!form.ok) throw new Error(form.problems.slice(0, 3).map((p) => p.message).join(' '));
        return form.value;
      }),
    aitpProfile: () =>
      attempt(async () => {
        const secrets = await ctx.vault.readSecrets();
        if (!secrets) throw new Error('Unlock Emissary to see your profile.');
        return secrets.aitpProfile ?? {};
      }),
    aitpSaveProfile: (profile) =>
      attempt(async () => {
        const clean: Profile = {};
        for (const k of PROFILE_KEYS) {
          const v = profile?.[k];
          if (typeof v === 'string' && v.trim()) clean[k] = v.trim().slice(0, 300);
        }
        const ok = await ctx.vault.updateSecrets((s) => {
          s.aitpProfile = clean;
        });
        if (!ok) throw new Error('Unlock Emissary to save your profile.');
        return clean;
      }),
  };
}

export type { AitpBody };
