// Runs in each web page once it has loaded (the background injects it, see
// background/content-injection.ts): it only tells the background that a page was visited, with the
// page's own pointers to agent documents and its declarative WebMCP tools. The background takes the
// origin from the browser (sender.url) and judges everything itself. No keys, no UI.
declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> | void } };
declare const browser: typeof chrome | undefined;

// The background may run this file again in the same document (the tab reports "complete" again after
// back/forward or a same-document navigation); this isolated world lives as long as the document, so
// the mark makes it one report per page load. The page cannot see or set it.
const world = globalThis as { emissaryReported?: true };
if (!world.emissaryReported) {
  world.emissaryReported = true;
  const api = typeof browser === 'object' ? browser : chrome;
  const attr = (el: Element, name: string) => (el.getAttribute(name) ?? '').slice(0, 500);
  const links = [...document.querySelectorAll('link[rel],meta[name]')]
    .map((el) => [attr(el, 'rel') || attr(el, 'name'), attr(el, 'href') || attr(el, 'content'), attr(el, 'type')])
    .filter(([rel]) => /agent|mcp|wot|did|llms|a2a|describedby/i.test(rel))
    .slice(0, 16);
  // WebMCP's declarative form: <form toolname tooldescription> with toolparamdescription on controls.
  const tools = [...document.querySelectorAll('form[toolname]')].slice(0, 32).map((form) => ({
    name: attr(form, 'toolname'),
    description: attr(form, 'tooldescription'),
    params: [...form.querySelectorAll('[name]')].slice(0, 32).map((c) => [attr(c, 'name'), attr(c, 'toolparamdescription'), attr(c, 'type')]),
  }));
  Promise.resolve(api.runtime.sendMessage({ type: 'emissary:visit', links, tools })).catch(() => {});
  // Imperative WebMCP lives in the page's own JavaScript, which this isolated world cannot see: a
  // native API shows here, a polyfill by its script. Only then may the background look into the page.
  if ('modelContext' in document || 'modelContextTesting' in navigator || document.querySelector('script[src*="webmcp" i],script[src*="mcp-b" i]')) {
    Promise.resolve(api.runtime.sendMessage({ type: 'emissary:webmcp' })).catch(() => {});
  }
}
