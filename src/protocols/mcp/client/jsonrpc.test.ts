import { describe, expect, it } from 'vitest';
import { messageKind, parseMessages } from './jsonrpc';

const one = (v: unknown) => parseMessages(JSON.stringify(v));

describe('JSON-RPC parsing', () => {
  it('recognises the four kinds', () => {
    const cases = [
      [{ jsonrpc: '2.0', id: 1, method: 'ping' }, 'request'],
      [{ jsonrpc: '2.0', method: 'notifications/progress', params: { progress: 1 } }, 'notification'],
      [{ jsonrpc: '2.0', id: 'a', result: {} }, 'result'],
      [{ jsonrpc: '2.0', id: null, error: { code: -32600, message: 'bad' } }, 'error'],
    ] as const;
    for (const [msg, kind] of cases) {
      const r = one(msg);
      expect(r.ok && messageKind(r.messages[0])).toBe(kind);
    }
  });

  it('rejects what is not JSON-RPC 2.0', () => {
    const bad = [
      { id: 1, result: {} },
      { jsonrpc: '2.0', id: 1, result: {}, error: { code: 1, message: 'x' } },
      { jsonrpc: '2.0', id: 1.5, result: {} },
      { jsonrpc: '2.0', id: { x: 1 }, method: 'm' },
      { jsonrpc: '2.0', id: 1, result: 'text' },
      { jsonrpc: '2.0', id: 1, method: 'm', params: [1] },
      { jsonrpc: '2.0', id: 1, error: { code: 'x', message: 'y' } },
      { jsonrpc: '2.0', method: '' },
      'hello',
    ];
    for (const b of bad) expect(one(b).ok, JSON.stringify(b)).toBe(false);
    expect(parseMessages('{not json').ok).toBe(false);
  });

  it('allows batches only when the revision does (2025-03-26)', () => {
    const batch = JSON.stringify([{ jsonrpc: '2.0', id: 1, result: {} }, { jsonrpc: '2.0', method: 'n' }]);
    expect(parseMessages(batch)).toMatchObject({ ok: false, reason: expect.stringMatching(/batch/) });
    expect(parseMessages(batch, { allowBatch: true })).toMatchObject({ ok: true, batch: true, messages: [{ id: 1 }, { method: 'n' }] });
    expect(parseMessages('[]', { allowBatch: true }).ok).toBe(false);
  });

  it('drops prototype keys and caps error messages', () => {
    const r = parseMessages('{"jsonrpc":"2.0","id":1,"result":{"__proto__":{"polluted":true},"ok":1}}');
    expect(r.ok && r.messages[0]).toEqual({ jsonrpc: '2.0', id: 1, result: { ok: 1 } });
    const long = one({ jsonrpc: '2.0', id: 1, error: { code: 1, message: 'x'.repeat(10_000) } });
    expect(long.ok && 'error' in long.messages[0] && long.messages[0].error.message.length).toBeLessThan(2100);
  });
});
