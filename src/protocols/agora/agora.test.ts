// Agora protocol documents: the hash is the library's (base64 SHA-1 of the exact UTF-8 text),
// checked against Node's crypto on many texts and against values printed by the library's own
// compute_hash under Python 3; data: URIs in both of the library's forms and RFC 2397's others;
// hostile documents; both response shapes.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeDataUri, encodeDataUriBase64, parseDataUri } from './data-uri';
import { readFormats, readMetadata, verifyDocument, DOCUMENT_MAX_CHARS } from './document';
import { hashMatches, protocolHash } from './hash';
import { conversationUrl, findOffers, naturalLanguageRequest, protocolRequest, readResponse, readWellknown, sourceAllowed } from './wire';

const node = (text: string, algo = 'sha1', enc: 'base64' | 'hex' = 'base64') => createHash(algo).update(Buffer.from(text, 'utf8')).digest(enc);

const TEXTS = [
  '', 'a', 'hello world', 'hello world\n', ' hello world', 'hello world ', 'hello\r\nworld', 'hello\nworld', 'hello\rworld',
  '\ufeffBOM first', 'café', 'cafe\u0301', '日本語のプロトコル', 'emoji 🍕 ok', 'tab\there', 'nul\u0000inside', '\u2028line separator',
  '---\nname: order\n---\n', '---\r\nname: order\r\n---\r\n', 'x'.repeat(100_000), '🙂'.repeat(5000),
];

describe('protocolHash', () => {
  it.each(TEXTS.map((t) => [JSON.stringify(t).slice(0, 40), t]))('equals base64(SHA-1(UTF-8)) from node:crypto for %s', (_label, text) => {
    expect(protocolHash(text)).toBe(node(text));
    expect(protocolHash(text)).toHaveLength(28);
  });

  it('equals what the Python library printed (agora/utils.py compute_hash, Python 3)', () => {
    const printed: [string, string][] = [
      ['', '2jmj7l5rSw0yVb/vlWAYkK/YBwk='], ['a', 'hvfkN/qlp/zhXR3cuerq6jd2Z7g='],
      ['---\nname: order\n---\n', '8FIhPpNsRhS6SfJ5usuF+6m3vCc='], ['---\r\nname: order\r\n---\r\n', 'xNeM7uFjQ5RSNO6gmqFBaKIPxsg='],
      ['hello world\n', 'IlljY7PeQLBvmB+4XYIxLowO1RE='], ['hello world', 'Kq5sNclPz7QV2+lfQIuc6R7oRu0='], [' hello world', '1IA9yHxrFHgX1CQTt3WeDNxKOro='],
      ['café', '9CRFKpZzkYxvCbDN01sgvo5q59c='], ['cafe\u0301', 'NvXAK13KTsw7KlrnozVbmfJJmdU='], ['日本語のプロトコル', 'a29mjCznHBHpkD89/l3T1miaXJw='],
      ['emoji 🍕 ok', 'r4ONUko7mIOoQtQ6FuVlocLBXvw='], ['tab\there', 'bbMcziXNHD/HkxvNI81Iai2ICAk='],
    ];
    for (const [text, hash] of printed) expect(protocolHash(text)).toBe(hash);
  });

  it('changes with every whitespace, line ending and normalisation difference', () => {
    const variants = ['hello world', 'hello world\n', ' hello world', 'hello  world', 'hello\tworld', 'hello\r\nworld', 'hello\nworld', 'café', 'cafe\u0301'];
    expect(new Set(variants.map(protocolHash)).size).toBe(variants.length);
  });

  it('refuses text with a lone surrogate, as Python would fail to encode it', () => {
    expect(() => protocolHash('bad \ud800 text')).toThrow(/surrogate/);
    expect(hashMatches('bad \ud800 text', node('bad \ufffd text'))).toBeNull();
  });

  it('verifies the spec page hex SHA-1 and SHA-256 hex too, and nothing else', () => {
    const text = '---\nname: x\n---\nbody';
    expect(hashMatches(text, node(text))).toBe('sha1-base64');
    expect(hashMatches(text, node(text, 'sha1', 'hex'))).toBe('sha1-hex');
    expect(hashMatches(text, node(text, 'sha1', 'hex').toUpperCase())).toBe('sha1-hex');
    expect(hashMatches(text, node(text, 'sha256', 'hex'))).toBe('sha256-hex');
    expect(hashMatches(`${text}\n`, node(text))).toBeNull();
    expect(hashMatches(text, node(text, 'sha256', 'base64'))).toBeNull();
  });
});

describe('data: URIs', () => {
  const doc = '---\nname: Café order\n---\nSend {"a": 1} / done? 100%';
  it('reads the library percent-encoded form and writes it as urllib.parse.quote does', () => {
    expect(encodeDataUri('---\nname: Café order\n---\nSend {"a": 1} / done?')).toBe(
      'data:text/plain;charset=utf-8,---%0Aname%3A%20Caf%C3%A9%20order%0A---%0ASend%20%7B%22a%22%3A%201%7D%20/%20done%3F',
    );
    expect(parseDataUri(encodeDataUri(doc))).toEqual({ ok: true, mediaType: 'text/plain', charset: 'utf-8', base64: false, text: doc });
  });
  it('reads the base64 form, with or without padding and with line breaks', () => {
    expect(parseDataUri(encodeDataUriBase64(doc))).toMatchObject({ ok: true, base64: true, text: doc });
    const b64 = Buffer.from('abcd\r\n', 'utf8').toString('base64');
    expect(parseDataUri(`data:text/plain;charset=utf-8;base64,${b64.replace(/=+$/, '')}`)).toMatchObject({ ok: true, text: 'abcd\r\n' });
    expect(parseDataUri(`data:text/plain;base64,${b64.slice(0, 4)}\n${b64.slice(4)}`)).toMatchObject({ ok: true, text: 'abcd\r\n' });
  });
  it('honours the charset and RFC 2397 defaults', () => {
    expect(parseDataUri('data:,Hello%2C%20World!')).toEqual({ ok: true, mediaType: 'text/plain', charset: 'us-ascii', base64: false, text: 'Hello, World!' });
    expect(parseDataUri('data:text/plain;charset=ISO-8859-1,caf%E9')).toMatchObject({ ok: true, charset: 'iso-8859-1', text: 'café' });
    expect(parseDataUri('data:text/markdown;charset="UTF-8",%23%20Title')).toMatchObject({ ok: true, mediaType: 'text/markdown', text: '# Title' });
    expect(parseDataUri(`data:text/plain;charset=utf-16le;base64,${Buffer.from('hé', 'utf16le').toString('base64')}`)).toMatchObject({ ok: true, text: 'hé' });
  });
  it('refuses what is not text, or not decodable', () => {
    expect(parseDataUri('data:image/png;base64,iVBORw0KGgo=')).toEqual({ ok: false, error: 'holds image/png, not text' });
    expect(parseDataUri('data:application/octet-stream,abc')).toMatchObject({ ok: false });
    expect(parseDataUri('data:text/plain;charset=utf-8,%C3%28')).toEqual({ ok: false, error: 'is not valid utf-8 text' });
    expect(parseDataUri('data:text/plain,50%')).toEqual({ ok: false, error: 'holds a % not followed by two hex digits' });
    expect(parseDataUri('data:text/plain;base64,@@@@')).toEqual({ ok: false, error: 'its base64 data does not decode' });
    expect(parseDataUri('data:text/plain;charset=x-klingon,abc')).toMatchObject({ ok: false, error: expect.stringContaining('cannot read') });
    expect(parseDataUri('data:text/plain')).toEqual({ ok: false, error: 'has no comma before its data' });
    expect(parseDataUri('https://x.example/doc.txt')).toEqual({ ok: false, error: 'not a data: URI' });
    expect(parseDataUri(`data:,${'a'.repeat(1_500_001)}`)).toMatchObject({ ok: false, error: expect.stringContaining('longer than') });
  });
});

const ORDER_DOC = [
  '---', 'name: Coffee order', 'description: Order drinks for pickup by name.', 'multiround: false', '---', '',
  '# Coffee order', '', 'The request body is a JSON object:', '```json',
  JSON.stringify({ type: 'object', properties: { drink: { type: 'string', enum: ['espresso', 'latte'] }, size: { type: 'string' }, quantity: { type: 'integer' } }, required: ['drink', 'quantity'] }),
  '```', '', 'The response:', '```json', '{"orderId": "A12", "total": "7.00 USDC", "ready": false}', '```', '',
].join('\n');

describe('protocol documents', () => {
  it('reads the front matter as the library does, with its defaults', () => {
    expect(readMetadata(ORDER_DOC)).toEqual({ name: 'Coffee order', description: 'Order drinks for pickup by name.', multiround: false, missing: false });
    expect(readMetadata('---\r\nname: "Quoted"\r\nmultiround: true\r\n---\r\nx')).toEqual({ name: 'Quoted', description: 'No description provided', multiround: true, missing: false });
    expect(readMetadata('no front matter')).toEqual({ name: 'Unnamed protocol', description: 'No description provided', multiround: false, missing: true });
  });
  it('reads request and response formats from a schema and from an example', () => {
    const f = readFormats(ORDER_DOC);
    expect(f.request).toEqual({ fromExample: false, schema: { type: 'object', properties: { drink: { type: 'string', enum: ['espresso', 'latte'] }, size: { type: 'string' }, quantity: { type: 'integer' } }, required: ['drink', 'quantity'] } });
    expect(f.response?.fromExample).toBe(true);
    expect(Object.keys(f.response!.schema.properties)).toEqual(['orderId', 'total', 'ready']);
    expect(f.response!.schema.properties.ready.type).toBe('boolean');
    expect(readFormats('Just words, no JSON.')).toEqual({});
    expect(readFormats('The request:\n```json\n{ not json\n```')).toEqual({});
  });
  it('verifies a document against its hash, and refuses the wrong, the huge and the binary', () => {
    const ok = verifyDocument(ORDER_DOC, protocolHash(ORDER_DOC));
    expect(ok).toMatchObject({ ok: true, algorithm: 'sha1-base64', metadata: { name: 'Coffee order' } });
    expect(verifyDocument(ORDER_DOC.replace(/\n/g, '\r\n'), protocolHash(ORDER_DOC))).toEqual({ ok: false, error: 'does not match the hash it was offered under' });
    const huge = `---\nname: big\n---\n${'a'.repeat(DOCUMENT_MAX_CHARS)}`;
    expect(verifyDocument(huge, protocolHash(huge))).toMatchObject({ ok: false, error: expect.stringContaining('longer than') });
    const binary = '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR';
    expect(verifyDocument(binary, protocolHash(binary))).toEqual({ ok: false, error: 'is binary data, not a text document' });
    const noisy = Array.from({ length: 400 }, (_, i) => String.fromCharCode(i % 31 + 1)).join('');
    expect(verifyDocument(noisy, protocolHash(noisy))).toMatchObject({ ok: false, error: 'is binary data, not a text document' });
  });
});

describe('wire shapes', () => {
  it('builds natural-language and protocol requests', () => {
    expect(naturalLanguageRequest('hi')).toEqual({ protocolHash: null, protocolSources: [], body: 'hi' });
    expect(protocolRequest('h=', ['data:,x'], '{}', true)).toEqual({ protocolHash: 'h=', protocolSources: ['data:,x'], body: '{}', multiround: true });
    expect(conversationUrl('https://a.example/agora/', 'c/1')).toBe('https://a.example/agora/conversations/c%2F1');
  });
  it('reads the library responses', () => {
    expect(readResponse(200, '{"status":"success","body":"ok"}')).toEqual({ status: 'success', body: 'ok' });
    expect(readResponse(200, '{"status":"success","conversationId":"u-1","body":"ok"}')).toEqual({ status: 'success', body: 'ok', conversationId: 'u-1' });
    expect(readResponse(200, '{"status":"error","message":"Protocol rejected"}')).toEqual({ status: 'rejected', message: 'Protocol rejected' });
    expect(readResponse(200, '{"status":"error","message":"Conversation not found."}')).toEqual({ status: 'failure', message: 'Conversation not found.' });
  });
  it('reads the spec page responses', () => {
    expect(readResponse(200, '{"status":"failure","body":"Out of stock"}')).toEqual({ status: 'failure', message: 'Out of stock' });
    expect(readResponse(200, '{"status":"rejected"}')).toEqual({ status: 'rejected', message: 'The agent will not use this protocol document.' });
    expect(readResponse(200, '{"status":"success","body":{"orderId":"A1"}}')).toEqual({ status: 'success', body: '{"orderId":"A1"}' });
  });
  it('says what went wrong with transport errors and odd answers', () => {
    expect(readResponse(500, 'Internal Server Error')).toEqual({ status: 'failure', message: 'The agent answered HTTP 500.' });
    expect(readResponse(502, '{"status":"error","message":"upstream"}')).toEqual({ status: 'failure', message: 'HTTP 502: upstream' });
    expect(readResponse(200, '[1]')).toMatchObject({ status: 'failure' });
    expect(readResponse(200, '{"status":"maybe"}')).toEqual({ status: 'failure', message: 'The agent answered with an unknown status "maybe".' });
  });
  it('reads both /.wellknown listings', () => {
    expect(readWellknown({ 'h1=': ['https://a/1'], bad: 'x' })).toEqual([{ hash: 'h1=', sources: ['https://a/1'] }]);
    expect(readWellknown({ status: 'success', protocols: { 'h2=': ['data:,x', 3] } })).toEqual([{ hash: 'h2=', sources: ['data:,x'] }]);
  });
  it('finds offers as JSON in prose and as a <FINALPROTOCOL> block', () => {
    const body = `I can take that order. To do it faster next time, use this protocol: {"protocolHash": "abc=", "protocolSources": ["https://a.example/p.txt", "data:,x"]} — or keep writing.`;
    expect(findOffers(body, protocolHash)).toEqual([{ hash: 'abc=', sources: ['https://a.example/p.txt', 'data:,x'] }]);
    const final = findOffers('Agreed.\n<FINALPROTOCOL>\n---\nname: a\n---\nbody\n</FINALPROTOCOL>', protocolHash);
    expect(final).toEqual([{ hash: protocolHash('---\nname: a\n---\nbody'), sources: [], inlineText: '---\nname: a\n---\nbody' }]);
    expect(findOffers('{"protocolHash": "negotiation", "protocolSources": ["x"]} {"protocolHash": "x"} {broken', protocolHash)).toEqual([]);
  });
  it('fetches documents only from data: URIs and the agent origin', () => {
    expect(sourceAllowed('data:,x', 'https://a.example/agora')).toBe(true);
    expect(sourceAllowed('https://a.example/p.txt', 'https://a.example/agora')).toBe(true);
    expect(sourceAllowed('https://evil.example/p.txt', 'https://a.example/agora')).toBe(false);
    expect(sourceAllowed('http://a.example/p.txt', 'http://a.example/agora')).toBe(false);
    expect(sourceAllowed('http://127.0.0.1:9/p.txt', 'http://127.0.0.1:9/agora')).toBe(true);
    expect(sourceAllowed('file:///etc/passwd', 'https://a.example/agora')).toBe(false);
  });
});

describe('findAgoraEndpoints', () => {
  it('reads an A2A card interface, a plain member, and ignores other protocols', async () => {
    const { findAgoraEndpoints } = await import('./endpoints');
    const card = { supportedInterfaces: [{ url: 'https://cafe.example/a2a', protocolBinding: 'JSONRPC' }, { url: '/agora', protocolBinding: 'AGORA' }], extra: { agora: 'https://cafe.example/agora2' } };
    expect(findAgoraEndpoints(card, 'https://cafe.example/.well-known/agent-card.json')).toEqual(['https://cafe.example/agora2', 'https://cafe.example/agora']);
    expect(findAgoraEndpoints({ interfaces: [{ protocol: 'agoraphobia-free', url: 'https://x.example' }, { transport: 'agora', url: 'javascript:alert(1)' }] }, 'https://x.example/')).toEqual([]);
  });
});

describe('withoutOffers', () => {
  it('replaces each offer with a short marker and leaves the prose', async () => {
    const { withoutOffers } = await import('./wire');
    expect(withoutOffers('Use this: {"protocolHash": "abc=", "protocolSources": ["data:,x"]} — thanks.')).toBe('Use this: [protocol document offer] — thanks.');
    expect(withoutOffers('Agreed. <FINALPROTOCOL>x</FINALPROTOCOL> Bye')).toBe('Agreed. [protocol document offer] Bye');
    expect(withoutOffers('No offer {"a": 1}')).toBe('No offer {"a": 1}');
  });
});
