import type { McpApi } from '../../shared/api-mcp';
import type { Result } from '../../shared/api';
import type { JsonObject } from '../../protocols/agents-json/json';
import type { BackgroundContext } from '../context';
import { createMcpAuth } from './auth';
import { addedServers, addServer, checkServerUrl, removeServer, setTrusted, staleMemo } from './servers';
import { errorText, McpService } from './service';
import browser from 'webextension-polyfill';
import { forgetTab, markTab } from './webmcp';

async function attempt<T>(fn: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    return { ok: false, error: errorText(err) };
  }
}

/** Called once per worker life: registers MCP's handlers and returns its popup methods. */
export function createMcpApi(ctx: BackgroundContext): McpApi {
  const auth = createMcpAuth(ctx.vault);
  const mcp = new McpService(ctx, auth);
  // A call waits in memory; after a restart there is nothing left to finish, the card just closes.
  ctx.consent.onOrphanDecision('mcp-tool-call', () => undefined);
  // The content script says only "this page declares WebMCP"; the origin is the sender's, from the browser.
  browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
    if ((message as { type?: unknown })?.type !== 'emissary:webmcp' || sender.id !== browser.runtime.id || sender.frameId !== 0) return undefined;
    const tabId = sender.tab?.id;
    let origin: string | null = null;
    try {
      const url = new URL(sender.url ?? '');
      origin = url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
    } catch {
      origin = null;
    }
    if (tabId !== undefined && origin) void markTab(tabId, origin);
    return undefined;
  });
  browser.tabs.onRemoved.addListener((tabId) => forgetTab(tabId));
  const mine = async (origin: string, server: string) => {
    if (!(await mcp.belongsTo(origin, server))) throw new Error(`${server.slice(0, 200)} is not one of ${origin}'s MCP servers.`);
  };
  return {
    mcpSite: (origin, refresh) => attempt(() => mcp.site(origin, refresh === true)),
    mcpTrustSite: (origin, trusted) => attempt(async () => {
      await setTrusted(origin, trusted);
      return true as const;
    }),
    mcpCallTool: (origin, server, tool, args) => attempt(async () => {
      await mine(origin, server);
      return mcp.callTool(origin, server, tool, args as JsonObject);
    }),
    mcpCallWebTool: (origin, tool, args) => attempt(() => mcp.callWebTool(origin, tool, args as JsonObject)),
    mcpCall: async (id) => mcp.call(id),
    mcpWatch: (origin) => attempt(() => mcp.watch(origin)),
    mcpCancel: (id) => attempt(async () => {
      mcp.cancel(id);
      return true as const;
    }),
    mcpAnswerElicitation: (id, action, content) => attempt(async () => {
      await mcp.answerElicitation(id, action, content as JsonObject | undefined);
      return true as const;
    }),
    mcpReadResource: (origin, server, uri) => attempt(async () => {
      await mine(origin, server);
      return mcp.readResource(server, uri);
    }),
    mcpGetPrompt: (origin, server, name, args) => attempt(async () => {
      await mine(origin, server);
      return mcp.getPrompt(server, name, args);
    }),
    mcpAddedServers: async () => {
      const list = await addedServers();
      return Promise.all(list.map(async (s) => {
        const signedIn = await auth.signedIn(s.url).catch(() => undefined);
        return { ...s, ...(signedIn ? { signedIn } : {}) };
      }));
    },
    mcpAddServer: (raw) => attempt(async () => {
      const check = checkServerUrl(raw);
      if (!check.ok) throw new Error(`${raw.slice(0, 200)} ${check.reason}.`);
      return addServer(check.url);
    }),
    mcpRemoveServer: (url) => attempt(async () => {
      await auth.signOut(url).catch(() => undefined);
      await removeServer(url);
      mcp.forget(url);
      return true as const;
    }),
    mcpSignedIn: () => auth.list(),
    mcpSignIn: (origin, server) => attempt(async () => {
      // Only a server of this site (discovered or added): no sign-in to arbitrary URLs.
      await mine(origin, server);
      await auth.signIn(server);
      mcp.forget(server);
      await staleMemo(server);
      return true as const;
    }),
    mcpSignOut: (server) => attempt(async () => {
      await auth.signOut(server);
      mcp.forget(server);
      await staleMemo(server);
      return true as const;
    }),
  };
}
