// How a site advertises its AITP agent: the page's <link rel="aitp-agent">, and entries in agents.json, an A2A
// card or an ANP description. Agents on other sites, script URLs and plain http off this machine are ignored.
import { describe, expect, it } from 'vitest';
import { aitpAgentsInDocument, aitpAgentsInLinks } from './advertise';

describe('AITP agent advertisements', () => {
  it('reads the link hint, relative to the page, and the Hub form by its /v1 ending', () => {
    expect(aitpAgentsInLinks([['agents', '/.well-known/agents.json'], ['aitp-agent', '/aitp/'], ['aitp-agent', 'https://shop.example/hub/v1']], 'https://shop.example/cart')).toEqual([
      { url: 'https://shop.example/aitp', dialect: 'spec', via: 'link' },
      { url: 'https://shop.example/hub/v1', dialect: 'hub', via: 'link' },
    ]);
  });

  it('ignores other sites, script URLs, credentials in URLs and http off this machine', () => {
    const page = 'https://shop.example/';
    expect(aitpAgentsInLinks([['aitp-agent', 'https://evil.example/aitp'], ['aitp-agent', 'javascript:alert(1)'], ['aitp-agent', 'https://u:p@shop.example/a'], ['aitp-agent', 'http://shop.example/aitp']], page)).toEqual([]);
    expect(aitpAgentsInLinks('not links', page)).toEqual([]);
    expect(aitpAgentsInLinks([['aitp-agent', 'http://127.0.0.1:4101/aitp']], 'http://127.0.0.1:4101/')).toHaveLength(1);
  });

  it('finds entries in agents.json, an A2A card and an ANP description', () => {
    const base = 'https://shop.example/.well-known/x.json';
    expect(aitpAgentsInDocument({ 'x-aitp': { url: 'https://shop.example/aitp', name: 'Shop agent' } }, base)).toEqual([{ url: 'https://shop.example/aitp', dialect: 'spec', via: base, name: 'Shop agent' }]);
    expect(aitpAgentsInDocument({ additionalInterfaces: [{ transport: 'JSONRPC', url: 'https://shop.example/a2a' }, { transport: 'AITP', url: 'https://shop.example/aitp' }] }, base).map((a) => a.url)).toEqual(['https://shop.example/aitp']);
    expect(aitpAgentsInDocument({ interfaces: [{ protocol: 'AITP-T01', url: 'https://api.shop.example/v1', name: 'Hub' }] }, base)).toMatchObject([{ dialect: 'hub', name: 'Hub' }]);
    expect(aitpAgentsInDocument({ aitp: 'https://other.example/aitp' }, base)).toEqual([]);
  });

  it('stays bounded on deep or huge documents', () => {
    let deep: unknown = { aitp: 'https://shop.example/deep' };
    for (let i = 0; i < 50; i++) deep = { x: deep };
    expect(aitpAgentsInDocument(deep, 'https://shop.example/')).toEqual([]);
    const wide = { list: Array.from({ length: 10_000 }, () => ({ transport: 'AITP', url: 'https://shop.example/aitp' })) };
    expect(aitpAgentsInDocument(wide, 'https://shop.example/')).toHaveLength(1);
  });
});
