// A heavy page for the page-cost benchmark: thousands of DOM nodes (a long product table, many
// links, some forms), served on loopback. Every other path is a 404, as on most sites.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export function heavyPage(rows = 1_000): string {
  const body: string[] = [];
  for (let i = 0; i < rows; i++) {
    body.push(`<tr><td>${i}</td><td><a href="/item/${i}">Item ${i}</a></td><td class="p">${(i * 1.37).toFixed(2)} USD</td><td><button>Buy</button></td></tr>`);
  }
  const forms = Array.from({ length: 20 }, (_, i) => `<form action="/search"><input name="q${i}"><select name="s${i}"><option>a</option><option>b</option></select><button>Go</button></form>`).join('');
  const metas = Array.from({ length: 30 }, (_, i) => `<meta name="m${i}" content="v${i}"><link rel="preload" href="/x${i}.css" as="style">`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Heavy page</title>${metas}
<style>body{font:14px system-ui}td{padding:2px 6px}.p{color:#8a4b16}</style></head>
<body><h1>A heavy catalogue</h1>${forms}<table><tbody>${body.join('')}</tbody></table></body></html>`;
}

export async function startHeavySite(): Promise<{ origin: string; nodes: number; close(): Promise<void> }> {
  const html = heavyPage();
  const nodes = (html.match(/<[a-z]/g) ?? []).length;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(html);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    nodes,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
