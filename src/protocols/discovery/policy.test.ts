// Safe-fetch policy, capped reading and the list of probed paths.
import { describe, expect, it } from 'vitest';
import { acceptableContentType, cacheTtlMs, CACHE_TTL_MS, checkFetchUrl, checkRedirect, DISCOVERY_FETCH_INIT, MAX_BYTES } from './policy';
import { readCapped, type ResponseLike } from './read-capped';
import { mcpServerCardUrl, probeForPath, WELL_KNOWN_PROBES } from './well-known';

function streamed(chunks: Uint8Array[], headers: Record<string, string> = {}): ResponseLike & { cancelled: () => boolean } {
  let cancelled = false;
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]);
      else controller.close();
    },
    cancel() {
      cancelled = true;
    },
  });
  return { status: 200, headers: { get: (n: string) => headers[n.toLowerCase()] ?? null }, body, cancelled: () => cancelled };
}

describe('well-known paths', () => {
  it('probes exactly the paths discovery.md names', () => {
    expect(WELL_KNOWN_PROBES.filter((p) => p.byDefault).map((p) => p.path)).toEqual([
      '/.well-known/agents.json', '/agents.json', '/.well-known/agent-card.json', '/.well-known/agent.json',
      '/.well-known/agent-descriptions', '/.well-known/ai-catalog.json', '/.well-known/mcp/server-card', '/llms.txt',
    ]);
    expect(WELL_KNOWN_PROBES.filter((p) => !p.byDefault).map((p) => p.path)).toEqual([
      '/.well-known/mcp/server-card.json', '/.well-known/mcp.json', '/.well-known/llms.txt', '/.well-known/mcp/catalog.json', '/.well-known/wot',
      '/.well-known/did.json', '/.well-known/agent', '/.well-known/ai-agent.json',
    ]);
    expect(probeForPath('/.well-known/agent-card.json/')?.kinds).toEqual(['a2a-agent-card']);
    expect(probeForPath('/nope')).toBeUndefined();
  });

  it('derives the MCP server card URL from a streamable-HTTP endpoint', () => {
    expect(mcpServerCardUrl('https://host.example/mcp/?session=1')).toBe('https://host.example/mcp/server-card');
    expect(mcpServerCardUrl('not a url')).toBeNull();
  });
});

describe('checkFetchUrl and checkRedirect', () => {
  it('admits public https URLs only', () => {
    expect(checkFetchUrl('https://site.example/.well-known/agents.json').ok).toBe(true);
    const refused = (url: string) => {
      const r = checkFetchUrl(url);
      return r.ok ? 'ok' : r.reason;
    };
    expect(refused('http://site.example/')).toBe('uses http, not https');
    expect(refused('file:///etc/passwd')).toBe('uses file, not https');
    expect(refused('https://user:pw@site.example/')).toBe('carries a user name or password');
    for (const host of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '[::1]', '[fd00::1]', '[fe80::1]', '[::ffff:127.0.0.1]', 'localhost', 'x.localhost']) {
      expect(refused(`https://${host}/`), host).toBe('points at a local or private address');
    }
    expect(refused('https://2130706433/')).toBe('points at a local or private address'); // URL parsing normalises it to 127.0.0.1
    expect(checkFetchUrl('http://localhost:5173/agents.json', true).ok).toBe(true);
  });

  it('follows a few redirects, re-checking each hop', () => {
    expect(checkRedirect('https://a.example/x', '/y', 1)).toMatchObject({ ok: true });
    expect(checkRedirect('https://a.example/x', 'http://a.example/y', 1)).toEqual({ ok: false, reason: 'redirected from https to http' });
    expect(checkRedirect('https://a.example/x', 'https://169.254.169.254/latest', 2)).toEqual({ ok: false, reason: 'points at a local or private address' });
    expect(checkRedirect('https://a.example/x', 'https://b.example/', 4)).toEqual({ ok: false, reason: 'redirected more than 3 times' });
    expect(checkRedirect('https://a.example/x', null, 1)).toEqual({ ok: false, reason: 'redirected without a Location' });
  });

  it('sends no cookies or referrer and handles redirects itself', () => {
    expect(DISCOVERY_FETCH_INIT).toMatchObject({ credentials: 'omit', redirect: 'manual', referrerPolicy: 'no-referrer' });
  });
});

describe('content types and cache lifetimes', () => {
  it('accepts JSON media types, tolerates text/plain, never HTML', () => {
    expect(acceptableContentType('json', 'application/json; charset=utf-8')).toEqual({ ok: true, lenient: false });
    expect(acceptableContentType('json', 'application/mcp-server-card+json')).toEqual({ ok: true, lenient: false });
    expect(acceptableContentType('json', 'text/plain')).toEqual({ ok: true, lenient: true });
    expect(acceptableContentType('json', 'text/html')).toEqual({ ok: false, lenient: false });
    expect(acceptableContentType('markdown', 'text/markdown')).toEqual({ ok: true, lenient: false });
    expect(acceptableContentType('markdown', 'application/json').ok).toBe(false);
  });

  it('caches hits per Cache-Control within bounds, misses and errors briefly', () => {
    expect(cacheTtlMs(200, null)).toBe(CACHE_TTL_MS.hitDefault);
    expect(cacheTtlMs(200, 'public, max-age=3600')).toBe(3_600_000);
    expect(cacheTtlMs(200, 'max-age=1')).toBe(CACHE_TTL_MS.hitMin);
    expect(cacheTtlMs(200, 'max-age=99999999')).toBe(CACHE_TTL_MS.hitMax);
    expect(cacheTtlMs(200, 'no-store')).toBe(CACHE_TTL_MS.hitMin);
    expect(cacheTtlMs(404, null)).toBe(CACHE_TTL_MS.miss);
    expect(cacheTtlMs(503, null)).toBe(CACHE_TTL_MS.error);
    expect(cacheTtlMs(0, null)).toBe(CACHE_TTL_MS.error);
    expect(MAX_BYTES.card).toBe(1024 * 1024);
  });
});

describe('readCapped', () => {
  const enc = new TextEncoder();

  it('reads a stream as UTF-8, across chunk boundaries, without the BOM', async () => {
    const bytes = enc.encode('\uFEFF{"name":"Zoë"}');
    const result = await readCapped(streamed([bytes.slice(0, 13), bytes.slice(13)]), 100);
    expect(result).toEqual({ ok: true, text: '{"name":"Zoë"}', bytes: bytes.byteLength });
  });

  it('rejects early on Content-Length', async () => {
    const response = streamed([enc.encode('x')], { 'content-length': '5000000' });
    expect(await readCapped(response, 1000)).toEqual({ ok: false, reason: 'too-large', message: 'is larger than 1000 bytes (Content-Length 5000000); not read' });
  });

  it('stops reading and cancels the stream once past the cap', async () => {
    const chunk = new Uint8Array(600);
    const response = streamed([chunk, chunk, chunk, chunk]);
    expect(await readCapped(response, 1000)).toEqual({ ok: false, reason: 'too-large', message: 'is larger than 1000 bytes (at least 1200 bytes); not read' });
    expect(response.cancelled()).toBe(true);
  });

  it('falls back to text() and reports read errors', async () => {
    const ok = await readCapped({ status: 200, headers: { get: () => null }, text: async () => 'hello' }, 10);
    expect(ok).toEqual({ ok: true, text: 'hello', bytes: 5 });
    const big = await readCapped({ status: 200, headers: { get: () => null }, text: async () => '€€€€' }, 10);
    expect(big).toMatchObject({ ok: false, reason: 'too-large' });
    const broken = await readCapped({ status: 200, headers: { get: () => null }, text: async () => { throw new Error('reset'); } }, 10);
    expect(broken).toEqual({ ok: false, reason: 'unreadable', message: 'could not be read (reset)' });
  });
});
