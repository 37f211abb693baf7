// A demo shop page that registers WebMCP tools in its own JavaScript: the imperative API of the W3C
// draft (document.modelContext.registerTool with an AbortSignal), the older navigator.modelContext
// shape, and a declarative <form toolname>. The page brings its own polyfill shaped like MCP-B's
// (@mcp-b/webmcp-polyfill plus the consumer surface getTools/executeTool and Chromium's
// navigator.modelContextTesting), as sites do today while browsers lack native WebMCP.
export const WEBMCP_PATHS = { page: '/webmcp', polyfill: '/webmcp-polyfill.js' } as const;

export const WEBMCP_POLYFILL = `(() => {
  if ('modelContext' in document) return;
  const tools = new Map();
  const mc = new EventTarget();
  const NAME = /^[A-Za-z0-9_.-]{1,128}$/;
  mc.registerTool = async (tool, options = {}) => {
    if (!tool || !NAME.test(tool.name) || !tool.description || tools.has(tool.name)) throw new DOMException('bad tool', 'InvalidStateError');
    JSON.stringify(tool.inputSchema ?? {});
    tools.set(tool.name, tool);
    options.signal?.addEventListener('abort', () => { tools.delete(tool.name); mc.dispatchEvent(new Event('toolchange')); });
    mc.dispatchEvent(new Event('toolchange'));
  };
  mc.unregisterTool = (name) => { tools.delete(name); mc.dispatchEvent(new Event('toolchange')); };
  mc.provideContext = ({ tools: list = [] } = {}) => { tools.clear(); for (const t of list) tools.set(t.name, t); mc.dispatchEvent(new Event('toolchange')); };
  mc.clearContext = () => { tools.clear(); mc.dispatchEvent(new Event('toolchange')); };
  mc.getTools = async () => [...tools.values()].map((t) => ({
    name: t.name, title: t.title, description: t.description, inputSchema: t.inputSchema ? JSON.stringify(t.inputSchema) : undefined,
    annotations: t.annotations, origin: location.origin, window,
  }));
  mc.executeTool = async (tool, inputJson) => {
    const t = tools.get(tool && tool.name);
    if (!t) throw new DOMException('no such tool', 'NotFoundError');
    const out = await t.execute(JSON.parse(inputJson || '{}'));
    return JSON.stringify(out ?? null);
  };
  Object.defineProperty(document, 'modelContext', { value: mc, configurable: true });
  Object.defineProperty(navigator, 'modelContext', { value: mc, configurable: true });
  Object.defineProperty(navigator, 'modelContextTesting', { configurable: true, value: {
    listTools: async () => (await mc.getTools()).map(({ window: _w, ...t }) => t),
    executeTool: (name, inputJson) => mc.executeTool({ name }, inputJson),
  } });
})();
`;

export function webmcpPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Demo coffee shop — tools for agents</title>
<script src="${WEBMCP_PATHS.polyfill}"></script>
</head>
<body>
<h1>Tools for your agent</h1>
<p id="note">No note yet.</p>
<form toolname="book_tasting" tooldescription="Books a seat at the Saturday tasting">
  <label>Name <input name="name" toolparamdescription="Who comes"></label>
  <button>Book</button>
</form>
<script>
  // The current draft: document.modelContext, a promise, unregistering by AbortSignal.
  const specials = new AbortController();
  document.modelContext.registerTool({
    name: 'get_specials',
    title: "Today's specials",
    description: 'Lists the drinks on special today.',
    inputSchema: { type: 'object', properties: { size: { type: 'string', enum: ['small', 'large'], default: 'small', description: 'Cup size' } } },
    annotations: { readOnlyHint: true },
    execute: async ({ size }) => ({ content: [{ type: 'text', text: 'Specials (' + size + '): flat white, cortado' }] }),
  }, { signal: specials.signal });
  // The older shape, still used by MCP-B pages: navigator.modelContext.
  navigator.modelContext.registerTool({
    name: 'leave_note',
    title: 'Leave a note',
    description: 'Writes a note for the barista on this page.',
    inputSchema: { type: 'object', properties: { text: { type: 'string', description: 'The note' } }, required: ['text'] },
    execute: async ({ text }) => {
      document.getElementById('note').textContent = 'Note: ' + text;
      return { content: [{ type: 'text', text: 'Noted: <b>' + text + '</b>' }] };
    },
  });
</script>
</body>
</html>`;
}
