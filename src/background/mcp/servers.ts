// Where a site's MCP servers come from: the server cards discovery found on the site (and in its AI
// catalog), plus servers the user added by URL in Settings. Records of kind 'mcp-server' keep, per
// endpoint, the era verdict and the last listing, so a revisit skips the probe.
import { parseMcpServerCard } from '../../protocols/mcp';
import type { Era, McpPrompt, McpResource, McpResourceTemplate, McpTool, ServerInfo } from '../../protocols/mcp/client';
import { checkFetchUrl } from '../../protocols/discovery/policy';
import { getSite } from '../../store/sites';
import { deleteRecord, getRecord, listRecords, putRecord, updateRecord } from '../../store/records';
import type { McpAddedServer } from '../../shared/api-mcp';

export const SERVER_KIND = 'mcp-server';
export const ADDED_KIND = 'mcp-added-server';
export const TRUST_KIND = 'mcp-trusted-site';

/** What is remembered about one endpoint between visits (public data only). */
export interface ServerMemo {
  url: string;
  era?: Era;
  protocolVersion?: string;
  serverInfo?: ServerInfo;
  instructions?: string;
  tools: McpTool[];
  resources: McpResource[];
  /** Missing in memos written before templates were listed. */
  templates?: McpResourceTemplate[];
  prompts: McpPrompt[];
  skipped: string[];
  listedAt: number;
  /** How long the listing may be shown without asking again. */
  ttlMs: number;
}

export interface ServerEntry {
  url: string;
  source: 'discovered' | 'added';
  /** Name from the card, until the server names itself. */
  name: string;
}

/** A URL Emissary may talk MCP to: http(s) with a host, no credentials (the discovery fetch policy). */
export function checkServerUrl(raw: string): { ok: true; url: string } | { ok: false; reason: string } {
  const check = checkFetchUrl(raw.trim(), true);
  return check.ok ? { ok: true, url: check.url.href } : { ok: false, reason: check.reason };
}

export async function discoveredServers(origin: string, fetchText: (url: string) => Promise<string>): Promise<{ entries: ServerEntry[]; problems: string[] }> {
  const site = await getSite(origin);
  const cards = (site?.documents ?? []).filter((d) => d.kind === 'mcp-server-card').slice(0, 8);
  const entries: ServerEntry[] = [];
  const problems: string[] = [];
  for (const doc of cards) {
    try {
      const card = parseMcpServerCard(await fetchText(doc.url), doc.url).detail;
      if (!card) continue;
      for (const remote of card.remotes) {
        if (remote.templated || remote.type !== 'streamable-http') {
          problems.push(`${remote.url}: ${remote.templated ? 'needs values Emissary cannot fill in' : 'uses the old HTTP+SSE transport, which Emissary does not speak'}`);
          continue;
        }
        const check = checkServerUrl(remote.url);
        if (!check.ok) problems.push(`${remote.url}: ${check.reason}`);
        else if (!entries.some((e) => e.url === check.url)) entries.push({ url: check.url, source: 'discovered', name: card.title ?? card.name });
      }
    } catch (err) {
      problems.push((err as Error).message.slice(0, 300));
    }
  }
  return { entries, problems };
}

export async function addedServers(): Promise<McpAddedServer[]> {
  return (await listRecords<McpAddedServer>(ADDED_KIND)).map((r) => r.value).sort((a, b) => a.addedAt - b.addedAt);
}

/** Servers the user added whose endpoint is on this origin. */
export async function addedServersOn(origin: string): Promise<ServerEntry[]> {
  return (await addedServers()).filter((s) => new URL(s.url).origin === origin).map((s) => ({ url: s.url, source: 'added' as const, name: new URL(s.url).host }));
}

export async function addServer(url: string, now = Date.now()): Promise<McpAddedServer> {
  const record = (await getRecord<McpAddedServer>(ADDED_KIND, url)) ?? { url, addedAt: now };
  await putRecord(ADDED_KIND, url, record, now);
  return record;
}

export async function removeServer(url: string): Promise<void> {
  await deleteRecord(ADDED_KIND, url);
  await deleteRecord(SERVER_KIND, url);
}

export const readMemo = (url: string) => getRecord<ServerMemo>(SERVER_KIND, url);
export const writeMemo = (memo: ServerMemo) => putRecord(SERVER_KIND, memo.url, memo);
/** Keeps the era verdict, drops the listing: the next look asks the server again. */
export const staleMemo = (url: string) => updateRecord<ServerMemo>(SERVER_KIND, url, (m) => (m ? { ...m, listedAt: 0 } : m));

export async function isTrusted(origin: string): Promise<boolean> {
  return (await getRecord<boolean>(TRUST_KIND, origin)) === true;
}

export async function setTrusted(origin: string, trusted: boolean): Promise<void> {
  if (trusted) await putRecord(TRUST_KIND, origin, true);
  else await deleteRecord(TRUST_KIND, origin);
}
