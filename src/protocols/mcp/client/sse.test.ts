import { describe, expect, it } from 'vitest';
import { readSseStream, SseParser, SseTooLargeError } from './sse';

const all = (parser: SseParser, chunks: string[]) => chunks.flatMap((c) => parser.push(c));

describe('SseParser', () => {
  it('reads events, ids, retry and skips comments', () => {
    const p = new SseParser();
    const events = all(p, [': keep-alive\n', 'retry: 2500\nid: 7\nevent: message\ndata: {"a":1}\n\n', 'data: two\n\n']);
    expect(events).toEqual([{ event: 'message', data: '{"a":1}', id: '7' }, { event: 'message', data: 'two', id: '7' }]);
    expect(p.retryMs).toBe(2500);
    expect(p.lastEventId).toBe('7');
  });

  it('joins multi-line data with newlines and keeps a value without the leading space', () => {
    expect(all(new SseParser(), ['data: line 1\ndata:line 2\ndata\n\n'])).toEqual([{ event: 'message', data: 'line 1\nline 2\n', id: '' }]);
  });

  it('handles events split at every possible point, with CRLF and a CRLF split across chunks', () => {
    const text = 'id: a\r\ndata: {"x":"é"}\r\n\r\nevent: custom\rdata: y\r\r';
    for (let cut = 0; cut <= text.length; cut++) {
      const events = all(new SseParser(), [text.slice(0, cut), text.slice(cut)]);
      expect(events).toEqual([{ event: 'message', data: '{"x":"é"}', id: 'a' }, { event: 'custom', data: 'y', id: 'a' }]);
    }
    expect(all(new SseParser(), [...text])).toHaveLength(2);
  });

  it('does not dispatch an event with no data (the priming event) or an unterminated one', () => {
    const p = new SseParser();
    expect(all(p, ['id: 1\ndata:\n\n', 'id: 2\n\n', 'data: half'])).toEqual([{ event: 'message', data: '', id: '1' }]);
    p.end();
    expect(p.push('\n\n')).toEqual([]);
  });

  it('ignores ids with NUL and non-numeric retry', () => {
    const p = new SseParser();
    all(p, ['id: ok\nid: bad\0\nretry: soon\ndata: x\n\n']);
    expect(p.lastEventId).toBe('ok');
    expect(p.retryMs).toBeNull();
  });

  it('refuses oversized events, whether in many data lines or one endless line', () => {
    const p = new SseParser({ maxEventChars: 100 });
    expect(() => all(p, Array.from({ length: 20 }, () => 'data: 0123456789\n'))).toThrow(SseTooLargeError);
    expect(() => new SseParser({ maxEventChars: 100 }).push('data: ' + 'x'.repeat(200))).toThrow(SseTooLargeError);
  });

  it('reads a byte stream with multi-byte characters split between chunks, and caps event counts', async () => {
    const bytes = new TextEncoder().encode('data: 日本\n\n'.repeat(3));
    const stream = new ReadableStream<Uint8Array>({ start: (c) => { for (const b of bytes) c.enqueue(new Uint8Array([b])); c.close(); } });
    const seen = [];
    for await (const e of readSseStream(stream, new SseParser())) seen.push(e.data);
    expect(seen).toEqual(['日本', '日本', '日本']);
    const endless = new ReadableStream<Uint8Array>({ pull: (c) => c.enqueue(new TextEncoder().encode('data: x\n\n')) });
    await expect((async () => { for await (const _ of readSseStream(endless, new SseParser(), { maxEvents: 50, maxStreamBytes: 1e6 })) { /* drain */ } })()).rejects.toThrow(/more than 50 events/);
  });
});
