// WebMCP bridge: tools a page registers in its own JavaScript (document.modelContext.registerTool,
// the older navigator.modelContext, or the MCP-B polyfill) are read and called through the browser's
// consumer surface — `navigator.modelContextTesting.listTools()/executeTool()` or MCP-B's
// `document.modelContext.getTools()/executeTool()` — by a function the background runs in the page's
// main world (scripting.executeScript), only in tabs whose content script saw WebMCP declared.
// Nothing is installed in the page and no message channel is opened: the page cannot call Emissary,
// and the origin of every answer is the tab's URL as the browser reports it.
import browser from 'webextension-polyfill';
import { normalizeWebMcpTools, type WebMcpTool } from '../../protocols/mcp';
import { toolResultView, type ToolResultView } from '../../protocols/mcp/client';
import { isObject, parseJsonText } from '../../protocols/agents-json/json';

const SESSION_KEY = 'mcp-webmcp-tabs';
const MAX_REPORT_CHARS = 256 * 1024;

/** Runs in the page (main world). Serialised by the browser: it must not close over anything. */
async function pageListTools(max: number): Promise<string | null> {
  type Listed = { name?: unknown; title?: unknown; description?: unknown; inputSchema?: unknown; annotations?: unknown };
  const nav = navigator as unknown as { modelContextTesting?: { listTools?: () => Listed[] | Promise<Listed[]> } };
  const doc = document as unknown as { modelContext?: { getTools?: () => Listed[] | Promise<Listed[]> } };
  let tools: Listed[] | undefined;
  if (typeof nav.modelContextTesting?.listTools === 'function') tools = await nav.modelContextTesting.listTools();
  else if (typeof doc.modelContext?.getTools === 'function') tools = await doc.modelContext.getTools();
  if (!Array.isArray(tools)) return null;
  const plain = tools.slice(0, 64).map((t) => ({ name: t.name, title: t.title, description: t.description, inputSchema: t.inputSchema, annotations: t.annotations }));
  const text = JSON.stringify(plain);
  return text.length > max ? null : text;
}

/** Runs in the page (main world): calls one tool with JSON arguments; the answer comes back as text. */
async function pageCallTool(name: string, input: string, max: number): Promise<{ ok: boolean; text: string }> {
  type Listed = { name?: unknown };
  const nav = navigator as unknown as { modelContextTesting?: { executeTool?: (n: string, i: string) => Promise<unknown> } };
  const doc = document as unknown as { modelContext?: { getTools?: () => Promise<Listed[]>; executeTool?: (t: Listed, i: string) => Promise<unknown> } };
  try {
    let out: unknown;
    if (typeof nav.modelContextTesting?.executeTool === 'function') out = await nav.modelContextTesting.executeTool(name, input);
    else if (typeof doc.modelContext?.executeTool === 'function' && typeof doc.modelContext.getTools === 'function') {
      const tool = (await doc.modelContext.getTools()).find((t) => t.name === name);
      if (!tool) return { ok: false, text: `The page has no tool named ${name}.` };
      out = await doc.modelContext.executeTool(tool, input);
    } else return { ok: false, text: 'The page no longer offers WebMCP tools.' };
    const text = typeof out === 'string' ? out : JSON.stringify(out ?? null);
    return { ok: true, text: String(text).slice(0, max) };
  } catch (err) {
    return { ok: false, text: String((err as Error)?.message ?? err).slice(0, 500) };
  }
}

export interface WebMcpTab {
  tabId: number;
  origin: string;
}

const tabs = new Map<number, string>();

async function remembered(): Promise<Map<number, string>> {
  if (tabs.size === 0) {
    const all: Record<string, unknown> = await browser.storage.session.get(SESSION_KEY).catch(() => ({}));
    const stored = all[SESSION_KEY] as [number, string][] | undefined;
    for (const [id, origin] of stored ?? []) tabs.set(id, origin);
  }
  return tabs;
}

/** The content script saw WebMCP declared in this tab; `origin` comes from the sender's URL. */
export async function markTab(tabId: number, origin: string): Promise<void> {
  (await remembered()).set(tabId, origin);
  await browser.storage.session.set({ [SESSION_KEY]: [...tabs] }).catch(() => undefined);
}

export function forgetTab(tabId: number): void {
  if (tabs.delete(tabId)) void browser.storage.session.set({ [SESSION_KEY]: [...tabs] }).catch(() => undefined);
}

/** A tab that shows `origin` now and declared WebMCP; the active one first. */
async function tabFor(origin: string): Promise<number | null> {
  const known = await remembered();
  const candidates = [...known].filter(([, o]) => o === origin).map(([id]) => id);
  for (const id of candidates) {
    const tab = await browser.tabs.get(id).catch(() => null);
    if (!tab?.url) {
      forgetTab(id);
      continue;
    }
    let now: string | null = null;
    try {
      now = new URL(tab.url).origin;
    } catch {
      now = null;
    }
    if (now === origin) return id;
  }
  return null;
}

async function run<T>(tabId: number, origin: string, func: (...args: never[]) => Promise<T>, args: unknown[]): Promise<T> {
  const [first] = await browser.scripting.executeScript({ target: { tabId }, world: 'MAIN', func: func as never, args: args as never });
  // The tab may have navigated between the check and the call: the answer counts only if the origin still matches.
  const tab = await browser.tabs.get(tabId);
  if (!tab.url || new URL(tab.url).origin !== origin) throw new Error('The page changed before it answered.');
  return first?.result as T;
}

export async function listWebMcpTools(origin: string): Promise<{ tools: WebMcpTool[]; problems: string[] } | null> {
  const tabId = await tabFor(origin);
  if (tabId === null) return null;
  const text = await run<string | null>(tabId, origin, pageListTools, [MAX_REPORT_CHARS]).catch(() => null);
  if (!text) return { tools: [], problems: [] };
  const tree = parseJsonText(text, 'WebMCP', { maxBytes: MAX_REPORT_CHARS, maxDepth: 24, maxNodes: 50_000 });
  if (!tree.ok) return { tools: [], problems: ['the page reported tools that could not be read'] };
  const report = normalizeWebMcpTools(tree.value);
  return { tools: report.tools, problems: report.problems.filter((p) => p.severity === 'error').map((p) => p.message).slice(0, 5) };
}

/** Calls a page tool; the answer is read like an MCP tool result when it has that shape, else as text. */
export async function callWebMcpTool(origin: string, name: string, args: Record<string, unknown>): Promise<ToolResultView> {
  const tabId = await tabFor(origin);
  if (tabId === null) throw new Error(`No open tab of ${origin} offers WebMCP tools any more.`);
  const answer = await run<{ ok: boolean; text: string }>(tabId, origin, pageCallTool, [name, JSON.stringify(args), MAX_REPORT_CHARS]);
  if (!answer || typeof answer.text !== 'string') throw new Error('The page gave no answer.');
  if (!answer.ok) return toolResultView({ isError: true, content: [{ type: 'text', text: answer.text }] });
  const tree = parseJsonText(answer.text, 'WebMCP result', { maxBytes: MAX_REPORT_CHARS, maxDepth: 32, maxNodes: 50_000 });
  if (tree.ok && isObject(tree.value) && Array.isArray(tree.value.content)) return toolResultView(tree.value);
  if (tree.ok && typeof tree.value === 'string') return toolResultView({ content: [{ type: 'text', text: tree.value }] });
  return toolResultView({ content: [{ type: 'text', text: answer.text }] });
}
