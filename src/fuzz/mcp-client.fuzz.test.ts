// Fuzzing what an MCP server sends back to Emissary's client: JSON-RPC messages and batches, and the
// SSE stream they come in, cut into arbitrary chunks. Never a throw (except the documented size error),
// never slow, a readable reason for every refused message.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMessages } from '../protocols/mcp/client/jsonrpc';
import { SseParser, SseTooLargeError } from '../protocols/mcp/client/sse';
import { documentText, FUZZ_TIMEOUT_MS, runs, timed, TIME_BOUND_MS } from './fuzz-kit';

/** MCP answers may be 4 MiB (MESSAGE_LIMITS), so the bound grows with the input: linear, never endless. */
const boundFor = (text: string) => TIME_BOUND_MS + (400 * text.length) / (1024 * 1024);

const SEEDS = [
  '{"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-06-18","capabilities":{"tools":{"listChanged":true}},"serverInfo":{"name":"demo","version":"1.0.0"}}}',
  '{"jsonrpc":"2.0","id":2,"result":{"tools":[{"name":"get_weather","description":"Weather","inputSchema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}]}}',
  '{"jsonrpc":"2.0","id":3,"result":{"content":[{"type":"text","text":"Sunny"},{"type":"image","data":"iVBORw0KGgo=","mimeType":"image/png"}],"isError":false}}',
  '{"jsonrpc":"2.0","id":4,"error":{"code":-32602,"message":"Unknown tool: x"}}',
  '{"jsonrpc":"2.0","method":"notifications/tools/list_changed"}',
  '{"jsonrpc":"2.0","id":"e1","method":"elicitation/create","params":{"message":"Your name?","requestedSchema":{"type":"object","properties":{"name":{"type":"string"}}}}}',
  '[{"jsonrpc":"2.0","id":5,"result":{}},{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":1,"progress":0.5}}]',
];

describe('MCP client messages under fuzzing', () => {
  it('parseMessages never throws, is fast, and refuses with a readable reason', () => {
    fc.assert(
      fc.property(documentText(SEEDS), fc.boolean(), (text, allowBatch) => {
        const r = timed(() => parseMessages(text, { allowBatch }), 'parseMessages', boundFor(text));
        if (r.ok) {
          expect(r.messages.length).toBeGreaterThan(0);
          for (const m of r.messages) expect(m.jsonrpc).toBe('2.0');
        } else {
          expect(typeof r.reason).toBe('string');
          expect(r.reason.trim().length).toBeGreaterThan(0);
          expect(r.reason).not.toMatch(/\[object Object\]|\bundefined\b/);
        }
        expect(Object.prototype).not.toHaveProperty('polluted');
      }),
      runs(),
    );
  }, FUZZ_TIMEOUT_MS);

  it('SseParser reads a stream cut anywhere the same as whole, and throws only SseTooLargeError', () => {
    const line = fc.tuple(fc.constantFrom('data', 'event', 'id', 'retry', ''), fc.string({ maxLength: 30 }), fc.constantFrom('\n', '\r\n', '\r'));
    const stream = fc.array(fc.array(line, { maxLength: 4 }), { maxLength: 20 }).map((events) =>
      events.map((ls) => ls.map(([f, v, end]) => (f ? `${f}: ${v}` : `:${v}`) + end).join('') + '\n').join(''));
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 8 }), (text, cuts) => {
        const whole = new SseParser({ maxEventChars: 4096 });
        const pieces = new SseParser({ maxEventChars: 4096 });
        const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        let all: unknown[];
        try {
          all = timed(() => whole.push(text), 'SseParser.push');
        } catch (err) {
          expect(err).toBeInstanceOf(SseTooLargeError);
          return;
        }
        const got: unknown[] = [];
        let prev = 0;
        for (const c of [...at, text.length]) {
          got.push(...pieces.push(text.slice(prev, c)));
          prev = c;
        }
        expect(got).toEqual(all);
      }),
      runs(),
    );
  }, FUZZ_TIMEOUT_MS);
});
