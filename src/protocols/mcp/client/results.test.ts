import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../agents-json/json';
import { PAYMENT_REQUIRED } from './fake-servers.fixture';
import { collectParamHeaders, encodeHeaderValue, paramHeaderValues, standardHeaders } from './headers';
import { paymentRequiredFromResult, paymentRequiredFromRpcError } from './payment';
import { readToolEntry, toolResultView } from './results';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe('toolResultView', () => {
  it('normalises every content type', () => {
    const view = toolResultView({
      content: [
        { type: 'text', text: 'a\r\nb\u202e<script>x</script>\u0007' },
        { type: 'image', mimeType: 'image/png', data: PNG },
        { type: 'image', mimeType: 'image/svg+xml', data: 'PHN2Zz4=' },
        { type: 'audio', mimeType: 'audio/wav', data: 'UklGRg==' },
        { type: 'resource', resource: { uri: 'file:///a.txt', mimeType: 'text/plain', text: 'inside' } },
        { type: 'resource', resource: { uri: 'file:///a.bin', blob: 'AAEC' } },
        { type: 'resource_link', uri: 'https://shop.example/item/1', name: 'item-1', title: 'Item 1', mimeType: 'application/json' },
        { type: 'hologram' },
      ],
      structuredContent: { total: 3 },
    });
    expect(view.items).toEqual([
      { kind: 'text', text: 'a\nb<script>x</script>', truncated: false },
      { kind: 'image', mimeType: 'image/png', base64: PNG },
      { kind: 'unsupported', type: 'image', reason: 'image/svg+xml images are not shown' },
      { kind: 'audio', mimeType: 'audio/wav', base64: 'UklGRg==' },
      { kind: 'resource', uri: 'file:///a.txt', mimeType: 'text/plain', text: 'inside', truncated: false },
      { kind: 'resource', uri: 'file:///a.bin', blobBase64: 'AAEC', truncated: false },
      { kind: 'link', uri: 'https://shop.example/item/1', name: 'item-1', title: 'Item 1', mimeType: 'application/json' },
      { kind: 'unsupported', type: 'hologram', reason: 'unknown content type' },
    ]);
    expect(view).toMatchObject({ isError: false, structuredContent: { total: 3 }, dropped: 0 });
  });

  it('keeps errors as errors and caps huge texts and long lists', () => {
    const view = toolResultView({ isError: true, content: [{ type: 'text', text: 'x'.repeat(300_000) }, ...Array.from({ length: 300 }, () => ({ type: 'text', text: 'y' }))] });
    expect(view.isError).toBe(true);
    expect(view.items[0]).toMatchObject({ kind: 'text', truncated: true });
    expect((view.items[0] as { text: string }).text).toHaveLength(200_000);
    expect(view.items).toHaveLength(256);
    expect(view.dropped).toBe(45);
  });
});

describe('x402 payment requests', () => {
  const https = { ...PAYMENT_REQUIRED, resource: { url: 'https://shop.example/mcp/premium' } };
  it('finds PaymentRequired in structuredContent, in the x402/error wrapper and in content text', () => {
    expect(paymentRequiredFromResult({ isError: true, structuredContent: https })).toMatchObject({ source: 'tool-result', parsed: { ok: true, value: { x402Version: 2, requirements: [{ network: 'eip155:84532' }] } } });
    expect(paymentRequiredFromResult({ isError: true, structuredContent: { 'x402/error': { code: 402, data: https } } })).toMatchObject({ parsed: { ok: true } });
    expect(paymentRequiredFromResult({ isError: true, content: [{ type: 'text', text: JSON.stringify({ 'x402/error': { code: 402, message: 'pay', data: https } }) }] })).toMatchObject({ parsed: { ok: true } });
    expect(paymentRequiredFromResult({ _meta: { 'x402/payment-required': https } })).toMatchObject({ source: 'meta' });
    expect(paymentRequiredFromRpcError({ code: 402, data: https })).toMatchObject({ source: 'rpc-error' });
  });

  it('leaves ordinary results and errors alone', () => {
    expect(paymentRequiredFromResult({ content: [{ type: 'text', text: 'x402 is great' }] })).toBeNull();
    expect(paymentRequiredFromResult({ isError: true, content: [{ type: 'text', text: 'x402 failed' }] })).toBeNull();
    expect(paymentRequiredFromResult({ structuredContent: https })).toBeNull();
    expect(paymentRequiredFromRpcError({ code: -32602 })).toBeNull();
  });
});

describe('modern request headers', () => {
  it('encodes header values per the spec examples', () => {
    expect(encodeHeaderValue('us-west1')).toBe('us-west1');
    expect(encodeHeaderValue('Hello, 世界')).toBe('=?base64?SGVsbG8sIOS4lueVjA==?=');
    expect(encodeHeaderValue(' padded ')).toBe('=?base64?IHBhZGRlZCA=?=');
    expect(encodeHeaderValue('line1\nline2')).toBe('=?base64?bGluZTEKbGluZTI=?=');
    expect(encodeHeaderValue('=?base64?literal?=')).toBe('=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?=');
  });

  it('sets Mcp-Method and Mcp-Name', () => {
    expect(standardHeaders('tools/call', { name: 'get_weather' })).toEqual({ 'Mcp-Method': 'tools/call', 'Mcp-Name': 'get_weather' });
    expect(standardHeaders('resources/read', { uri: 'file:///projects/myapp/config.json' })).toEqual({ 'Mcp-Method': 'resources/read', 'Mcp-Name': 'file:///projects/myapp/config.json' });
    expect(standardHeaders('tools/list', {})).toEqual({ 'Mcp-Method': 'tools/list' });
  });

  it('collects valid x-mcp-header annotations and mirrors present values only', () => {
    const schema = { type: 'object', properties: { region: { type: 'string', 'x-mcp-header': 'Region' }, opts: { type: 'object', properties: { n: { type: 'integer', 'x-mcp-header': 'N' }, dry: { type: 'boolean', 'x-mcp-header': 'Dry' } } } } };
    const found = collectParamHeaders(schema);
    expect(found).toEqual({ ok: true, headers: [{ name: 'Region', path: ['region'], type: 'string' }, { name: 'N', path: ['opts', 'n'], type: 'integer' }, { name: 'Dry', path: ['opts', 'dry'], type: 'boolean' }] });
    expect(paramHeaderValues(found.ok ? found.headers : [], { region: 'Zürich', opts: { n: 42, dry: false } }))
      .toEqual({ 'Mcp-Param-Region': '=?base64?WsO8cmljaA==?=', 'Mcp-Param-N': '42', 'Mcp-Param-Dry': 'false' });
    expect(paramHeaderValues(found.ok ? found.headers : [], { region: null })).toEqual({});
  });

  it('rejects invalid annotations, and readToolEntry drops such tools only when checking headers', () => {
    const bad: JsonObject[] = [
      { type: 'object', properties: { a: { type: 'number', 'x-mcp-header': 'A' } } },
      { type: 'object', properties: { a: { type: 'string', 'x-mcp-header': 'A' }, b: { type: 'string', 'x-mcp-header': 'a' } } },
      { type: 'object', properties: { a: { type: 'string', 'x-mcp-header': 'Bad Name' } } },
      { type: 'object', properties: { a: { oneOf: [{ type: 'string', 'x-mcp-header': 'A' }] } } },
    ];
    for (const schema of bad) expect(collectParamHeaders(schema).ok, JSON.stringify(schema)).toBe(false);
    expect(readToolEntry({ name: 't', inputSchema: bad[0] }, true)).toMatch(/dropped/);
    expect(readToolEntry({ name: 't', inputSchema: bad[0] }, false)).toMatchObject({ name: 't' });
  });
});
