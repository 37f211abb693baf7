import { describe, expect, it } from 'vitest';
import { expandUriTemplate, parseUriTemplate } from './uri-template';

describe('resource templates (RFC 6570 level 1)', () => {
  it('expands the RFC 6570 §1.2 level-1 examples exactly', () => {
    const values = { var: 'value', hello: 'Hello World!' };
    expect(expandUriTemplate('{var}', values)).toEqual({ ok: true, uri: 'value' });
    expect(expandUriTemplate('{hello}', values)).toEqual({ ok: true, uri: 'Hello%20World%21' });
  });

  it('lists the variables of the templates MCP servers publish, in order, once each', () => {
    expect(parseUriTemplate('shop://products/{productId}')).toEqual({ ok: true, variables: ['productId'] });
    expect(parseUriTemplate('github://repos/{owner}/{repo}/issues/{owner}')).toEqual({ ok: true, variables: ['owner', 'repo'] });
    expect(parseUriTemplate('file:///logs/today.txt')).toEqual({ ok: true, variables: [] });
    expect(parseUriTemplate('db://{schema.table}/{%C3%A9}')).toEqual({ ok: true, variables: ['schema.table', '%C3%A9'] });
  });

  it('percent-encodes every value character outside the unreserved set, as UTF-8, so a value cannot add path segments', () => {
    const r = expandUriTemplate('shop://products/{productId}', { productId: '../admin?x=1#y' });
    expect(r).toEqual({ ok: true, uri: 'shop://products/..%2Fadmin%3Fx%3D1%23y' });
    expect(expandUriTemplate('notes://{title}', { title: "Crème brûlée (O'Neil) *50%*" })).toEqual({
      ok: true, uri: 'notes://Cr%C3%A8me%20br%C3%BBl%C3%A9e%20%28O%27Neil%29%20%2A50%25%2A',
    });
    expect(expandUriTemplate('x://{v}', { v: '☕~a-b_c.d' })).toEqual({ ok: true, uri: 'x://%E2%98%95~a-b_c.d' });
  });

  it('copies literals, encoding only what a URI cannot hold', () => {
    expect(expandUriTemplate('shop://a b/{id}?q=1&r=%20', { id: '7' })).toEqual({ ok: true, uri: 'shop://a%20b/7?q=1&r=%20' });
    expect(expandUriTemplate('x://<{id}>', { id: '7' })).toEqual({ ok: true, uri: 'x://%3C7%3E' });
  });

  it('refuses operators, modifiers and lists with a sentence that names what it met', () => {
    for (const [template, words] of [
      ['file:///{+path}', '“+” operator'],
      ['https://x.example/{#section}', '“#” operator'],
      ['x://{/segments}', '“/” operator'],
      ['x://items{?page,size}', '“?” operator'],
      ['x://{a,b}', 'several variables'],
      ['x://{name:3}', 'prefix or explode'],
      ['x://{list*}', 'prefix or explode'],
    ] as const) {
      const r = parseUriTemplate(template);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.reason).toContain(words);
      expect(!r.ok && r.reason).toContain('Emissary fills only simple {name} variables');
      expect(expandUriTemplate(template, { path: 'a', section: 'b', segments: 'c', page: '1', size: '2', a: '1', b: '2', name: 'n', list: 'l' }).ok).toBe(false);
    }
  });

  it('refuses broken templates and bad variable names', () => {
    expect(parseUriTemplate('x://{id')).toEqual({ ok: false, reason: 'the template has a “{” without a “}”' });
    expect(parseUriTemplate('x://id}')).toEqual({ ok: false, reason: 'the template has a “}” without a “{”' });
    expect(parseUriTemplate('x://{}')).toEqual({ ok: false, reason: 'the template has an empty “{}”' });
    expect(parseUriTemplate('x://{a{b}')).toMatchObject({ ok: false });
    expect(parseUriTemplate('x://{my-id}')).toEqual({ ok: false, reason: '{my-id} is not a valid variable name' });
    expect(parseUriTemplate('x://{a..b}')).toMatchObject({ ok: false });
    expect(parseUriTemplate(`x://${Array.from({ length: 17 }, (_, i) => `{v${i}}`).join('/')}`)).toEqual({ ok: false, reason: 'the template has more than 16 variables' });
  });

  it('asks for every variable before building a URI', () => {
    expect(expandUriTemplate('x://{owner}/{repo}', { owner: 'a', repo: '' })).toEqual({ ok: false, reason: 'Fill in repo.', missing: ['repo'] });
    expect(expandUriTemplate('x://{owner}/{repo}', {})).toEqual({ ok: false, reason: 'Fill in owner, repo.', missing: ['owner', 'repo'] });
  });
});
