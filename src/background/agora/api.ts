import type { Result } from '../../shared/api';
import type { AgoraApi, AgoraEndpointView, AgoraProtocolView } from '../../shared/api-agora';
import { findAgoraEndpoints } from '../../protocols/agora';
import { checkFetchUrl } from '../../protocols/discovery/policy';
import { deleteRecord, getRecord, updateRecord } from '../../store/records';
import { getSite } from '../../store/sites';
import { getThread } from '../../store/threads';
import type { BackgroundContext } from '../context';
import { createAgoraHandler } from './handler';
import { listProtocols, PROTOCOL_KIND } from './library';
import type { AgoraRemote } from './messages';

const ENDPOINTS_KIND = 'agora-endpoints';
/** Declared endpoints per origin, so opening the Site view does not fetch every document again. */
const DECLARED_TTL_MS = 2 * 60_000;
const declared = new Map<string, { at: number; found: Map<string, string> }>();
const threadIdFor = (origin: string, url: string) => `agora:${origin}:${url}`;

async function attempt<T>(fn: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

function checkEndpoint(url: string): string {
  const check = checkFetchUrl(url.trim(), true);
  if (!check.ok) throw new Error(`That address ${check.reason}.`);
  return check.url.href;
}

/** Called once per worker life: registers AGORA's handlers and returns its popup methods. */
export function createAgoraApi(ctx: BackgroundContext): AgoraApi {
  ctx.inbox.register('agora', createAgoraHandler(ctx.inbox));

  async function endpoints(origin: string): Promise<AgoraEndpointView[]> {
    const site = await getSite(origin);
    const cached = declared.get(origin);
    const fresh = cached && Date.now() - cached.at < DECLARED_TTL_MS && cached.at >= Math.max(0, ...(site?.documents ?? []).map((d) => d.fetchedAt));
    const found = new Map(fresh ? cached.found : []);
    if (!fresh) {
      for (const doc of (site?.documents ?? []).filter((d) => d.kind !== 'llms-txt' && d.kind !== 'webmcp').slice(0, 12)) {
        try {
          for (const url of findAgoraEndpoints(JSON.parse(await ctx.fetchText(doc.url, 'agentsJson')), doc.url)) if (!found.has(url)) found.set(url, doc.url);
        } catch {
          /* a document that cannot be read again declares nothing here */
        }
      }
      declared.set(origin, { at: Date.now(), found: new Map(found) });
    }
    for (const url of (await getRecord<string[]>(ENDPOINTS_KIND, origin)) ?? []) if (!found.has(url)) found.set(url, 'added by you');
    return Promise.all([...found].map(async ([url, from]) => {
      const thread = await getThread(threadIdFor(origin, url));
      const protocol = (thread?.remote as unknown as AgoraRemote | undefined)?.protocol?.name;
      return { url, from, ...(thread ? { threadId: thread.id } : {}), ...(protocol ? { protocol } : {}) };
    }));
  }

  return {
    agoraEndpoints: (origin) => attempt(() => endpoints(origin)),
    agoraAddEndpoint: (origin, url) => attempt(async () => {
      const clean = checkEndpoint(url);
      await updateRecord<string[]>(ENDPOINTS_KIND, origin, (list) => [...new Set([...(list ?? []), clean])].slice(-16));
      return endpoints(origin);
    }),
    agoraTalk: (origin, url, text) => attempt(async () => {
      const endpoint = checkEndpoint(url);
      const id = threadIdFor(origin, endpoint);
      if (!(await getThread(id))) {
        const host = new URL(endpoint).host;
        await ctx.inbox.open({ id, origin, protocol: 'agora', agent: { url: endpoint, name: `Agora agent at ${host}` }, title: `Agora · ${host}`, state: 'waiting-for-you', remote: { endpoint } satisfies AgoraRemote as unknown as Record<string, unknown> });
      }
      if (text?.trim()) {
        const sent = await ctx.inbox.send(id, text);
        if (!sent.ok) throw new Error(sent.error);
      }
      return { threadId: id };
    }),
    agoraLibrary: async (): Promise<AgoraProtocolView[]> =>
      (await listProtocols()).map((p) => ({
        hash: p.hash, name: p.name, description: p.description, multiround: p.multiround, sources: p.sources, text: p.text,
        structured: !!p.formats.request, firstSeen: p.firstSeen, usedWith: p.agents,
      })),
    agoraForget: (hash) => attempt(async () => {
      await deleteRecord(PROTOCOL_KIND, hash);
      return true as const;
    }),
  };
}
