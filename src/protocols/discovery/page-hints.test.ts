// Page hints: which <link>s point at discovery documents, resolved and kept to the page's own site.
import { describe, expect, it } from 'vitest';
import { parsePageHints, type PageHintInput } from './page-hints';

const PAGE = 'https://shop.example/products/42';

describe('parsePageHints', () => {
  it('maps rel values and media types to document kinds, as absolute URLs', () => {
    const links: PageHintInput[] = [
      ['ai-catalog', '/.well-known/ai-catalog.json', 'application/ai-catalog+json'],
      ['alternate', '/agent/card.json', 'application/a2a+json'],
      ['agents', 'https://www.shop.example/agents.json'],
      ['describedby', 'https://api.shop.example/td', 'application/td+json'],
      ['mcp-server-card', '/mcp/server-card#x'],
      ['stylesheet agent-descriptions', '/anp/list'],
      ['llms-txt', '/docs/llms.txt'],
    ];
    expect(parsePageHints(links, PAGE).map((h) => [h.kind, h.url, h.via])).toEqual([
      ['ai-catalog', 'https://shop.example/.well-known/ai-catalog.json', 'application/ai-catalog+json'],
      ['a2a-agent-card', 'https://shop.example/agent/card.json', 'application/a2a+json'],
      ['wildcard-agents-json', 'https://www.shop.example/agents.json', 'agents'],
      ['lmos-thing-description', 'https://api.shop.example/td', 'application/td+json'],
      ['mcp-server-card', 'https://shop.example/mcp/server-card', 'mcp-server-card'],
      ['anp-agent-descriptions', 'https://shop.example/anp/list', 'agent-descriptions'],
      ['llms-txt', 'https://shop.example/docs/llms.txt', 'llms-txt'],
    ]);
    expect(parsePageHints([['ai-catalog', '/c.json']], PAGE)[0]).toMatchObject({ format: 'json', accept: 'application/ai-catalog+json, application/json;q=0.9' });
  });

  it('ignores other sites, insecure schemes, unknown rels, duplicates and junk', () => {
    const links = [
      ['ai-catalog', 'https://evil.example/catalog.json'], ['ai-catalog', 'http://shop.example/catalog.json'], ['ai-catalog', 'javascript:alert(1)'],
      ['stylesheet', '/style.css'], ['alternate', '/feed.xml', 'application/rss+xml'], ['agents', 'https://user:pw@shop.example/a.json'],
      ['agents', '/agents.json'], ['agents', '/agents.json#dup'], [42, '/x'], 'junk', ['agents'],
    ] as unknown as PageHintInput[];
    expect(parsePageHints(links, PAGE).map((h) => h.url)).toEqual(['https://shop.example/agents.json']);
    expect(parsePageHints(links, 'not a url')).toEqual([]);
    expect(parsePageHints('nope' as unknown as PageHintInput[], PAGE)).toEqual([]);
  });

  it('allows http only between pages and documents on this machine, and caps the list', () => {
    expect(parsePageHints([['agents', 'http://localhost:8080/agents.json']], 'http://localhost:8080/').map((h) => h.url)).toEqual(['http://localhost:8080/agents.json']);
    expect(parsePageHints([['agents', 'http://localhost:8080/agents.json']], PAGE)).toEqual([]);
    const many = Array.from({ length: 20 }, (_, i) => ['agents', `/a${i}.json`] as const);
    expect(parsePageHints(many, PAGE)).toHaveLength(8);
  });
});
