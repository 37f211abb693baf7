// fetchDocument: browser-style hidden redirects, redirect chains, slow bodies, and content classification
// by content for local files.
import { describe, expect, it } from 'vitest';
import { classifyText } from './classify-text';
import { fetchDocument, isSameSiteRedirect, type DiscoveryFetch, type DiscoveryResponse } from './fetch-document';

const OPTIONS = { accept: 'application/json', maxBytes: 1024, timeoutMs: 200, allowLoopback: false };

/** What a browser's fetch gives for `redirect: 'manual'`: an opaque redirect that hides its target. */
function browserLike(finalUrl: string, body = '{}'): DiscoveryFetch {
  return async (_url, init) => init.redirect === 'manual'
    ? { status: 0, type: 'opaqueredirect', headers: { get: () => null }, body: null }
    : { status: 200, url: finalUrl, headers: { get: (n: string) => (n === 'content-type' ? 'application/json' : null) }, text: async () => body };
}

describe('fetchDocument', () => {
  it('does not follow a redirect the browser hides: following it would already contact its target', async () => {
    const seen: string[] = [];
    const hidden = browserLike('https://evil.example/card.json');
    const fetchFn: DiscoveryFetch = (u, init) => (seen.push(`${init.redirect} ${u}`), hidden(u, init));
    const other = await fetchDocument(fetchFn, 'https://site.example/.well-known/agent.json', OPTIONS);
    expect(other).toMatchObject({ ok: false, miss: true, message: 'redirected somewhere the browser does not reveal before following; not followed' });
    expect(seen).toEqual(['manual https://site.example/.well-known/agent.json']);
  });

  it('stops redirect loops after three hops', async () => {
    let n = 0;
    const loop: DiscoveryFetch = async (url) => ({ status: 302, headers: { get: (h: string) => (h === 'location' ? `${url.split('?')[0]}?n=${++n}` : null) } });
    expect(await fetchDocument(loop, 'https://site.example/a', OPTIONS)).toMatchObject({ ok: false, message: 'redirected more than 3 times; not followed' });
  });

  it('times out on a body that trickles in, and caps one that is too long', async () => {
    const slowBody: DiscoveryFetch = async () => ({
      status: 200, headers: { get: () => 'application/json' },
      body: new ReadableStream<Uint8Array>({ start(c) { c.enqueue(new TextEncoder().encode('{"a":')); } }),
    } satisfies DiscoveryResponse);
    expect(await fetchDocument(slowBody, 'https://site.example/x.json', OPTIONS)).toMatchObject({ ok: false, status: 0, message: 'did not answer within 200 ms; gave up' });
    const long: DiscoveryFetch = async () => new Response('x'.repeat(4096), { headers: { 'content-type': 'application/json' } });
    expect(await fetchDocument(long, 'https://site.example/x.json', OPTIONS)).toMatchObject({ ok: false, message: 'is larger than 1024 bytes (at least 4096 bytes); not read' });
  });

  it('refuses URLs the policy forbids before fetching', async () => {
    const never: DiscoveryFetch = () => { throw new Error('fetched'); };
    expect(await fetchDocument(never, 'file:///etc/passwd', OPTIONS)).toMatchObject({ ok: false, message: 'uses file, not https; not fetched' });
    expect(await fetchDocument(never, 'https://169.254.169.254/latest', OPTIONS)).toMatchObject({ ok: false, message: 'points at a local or private address; not fetched' });
  });

  it('treats www.host and host as one site for redirects, nothing wider', () => {
    expect(isSameSiteRedirect('https://site.example/a', 'https://www.site.example/b')).toBe(true);
    expect(isSameSiteRedirect('https://site.example/a', 'https://api.site.example/b')).toBe(false);
    expect(isSameSiteRedirect('https://site.example/a', 'http://site.example/b')).toBe(false);
  });
});

describe('classifyText', () => {
  it('tells JSON, YAML and Markdown apart by content', () => {
    expect(classifyText('file:///x/card.json', JSON.stringify({ name: 'A', supportedInterfaces: [{ url: 'https://a.example/a2a', protocolBinding: 'JSONRPC', protocolVersion: '1.0' }] })).kind).toBe('a2a-agent-card');
    expect(classifyText('file:///x/api.yaml', '# comment\nopenapi: 3.0.0\ninfo: {title: T, version: "1"}\npaths: {}\n')).toMatchObject({ kind: 'openapi', summary: { name: 'T' } });
    expect(classifyText('file:///x/llms.txt', '# Site\n\n- [A](https://a.example/a.md)\n')).toMatchObject({ kind: 'llms-txt', summary: { name: 'Site', counts: { links: 1 } } });
    expect(classifyText('file:///x/key.pem', '-----BEGIN PUBLIC KEY-----\nMCow\n-----END PUBLIC KEY-----\n').problems.map((p) => p.message))
      .toEqual(["key.pem: is neither JSON, a YAML mapping nor Markdown with a '# ' title, so it is no discovery document"]);
  });
});
