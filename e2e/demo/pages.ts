import { DEMO_SHOP_KEY, PRODUCTS } from './shop-documents';

const style = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#faf7f2;color:#2a2118}
header{background:#2a2118;color:#faf7f2;padding:18px 32px;display:flex;justify-content:space-between;align-items:center}
main{max-width:880px;margin:32px auto;padding:0 24px}.grid{display:grid;grid-template-columns:repeat(3,1fr);gap:18px}
.card{background:#fff;border-radius:14px;padding:18px;box-shadow:0 1px 6px rgba(0,0,0,.06)}.price{font-weight:700;color:#8a4b16}
.note{margin-top:28px;padding:14px 18px;border-left:4px solid #8a4b16;background:#fff}code{background:#f1ebe2;padding:1px 5px;border-radius:4px}`;

export function shopPage(): string {
  const cards = PRODUCTS.map(
    (p) => `<article class="card"><h3>${p.name}</h3><p class="price">${p.price} ${p.currency}</p><button>Add to cart</button></article>`,
  ).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Demo Shop — Emissary</title>
<link rel="agents" href="/.well-known/agents.json"><link rel="aitp-agent" href="/aitp"><style>${style}</style></head>
<body><header><strong>☕ Demo Coffee Shop</strong><span>agent-enabled</span></header>
<main><h1>Fresh coffee, sold to people and their agents</h1><div class="grid">${cards}</div>
<p class="note">This shop publishes <code>/.well-known/agents.json</code>. With Emissary installed, the toolbar badge shows what it offers.
Your shop API key is <code data-testid="shop-key">${DEMO_SHOP_KEY}</code>: your agent needs it to fill your cart.</p></main></body></html>`;
}

export function plainPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A plain blog</title><style>${style}</style></head>
<body><header><strong>A plain blog</strong></header><main><h1>Nothing for agents here</h1>
<p>This site declares no agent interfaces. Emissary should stay quiet.</p></main></body></html>`;
}

export function agentPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Demo Travel — Emissary</title><style>${style}</style></head>
<body><header><strong>✈ Demo Travel</strong><span>A2A · ANP</span></header><main><h1>Trips planned by agents, approved by you</h1>
<p class="note">This site publishes an A2A agent card at <code>/.well-known/agent-card.json</code> and an ANP agent description
listed at <code>/.well-known/agent-descriptions</code>.</p></main></body></html>`;
}
