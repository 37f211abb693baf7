// Fuzzing AITP: every capability message a site agent can send (mutations of the aitp.md examples and
// the NEAR AI Hub's, random JSON, raw junk), and the SSE stream they arrive in. Never a throw, never
// slow, a readable reason for every refused message, no prototype pollution.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SSE_EVENTS, parseAitpMessage, splitSse } from '../protocols/aitp';
import { aitpMdExamples, fillElisions, HUB_PAYMENT_RESULT } from '../protocols/aitp/examples.fixture';
import { documentText, expectReadableProblems, expectRejectedWithReason, FUZZ_TIMEOUT_MS, runs, timed } from './fuzz-kit';

const SEEDS = [...aitpMdExamples().map(fillElisions), HUB_PAYMENT_RESULT];

/** What arrives: usually JSON already parsed by the transport, sometimes the raw text itself. */
const message = fc.tuple(documentText(SEEDS), fc.boolean()).map(([text, raw]) => {
  if (raw) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
});

describe('AITP messages under fuzzing', () => {
  it('has real seeds', () => {
    expect(SEEDS.length).toBeGreaterThan(10);
    expect(SEEDS.filter((s) => parseAitpMessage(JSON.parse(s)).ok).length).toBeGreaterThan(5);
  });

  it('parseAitpMessage never throws, is fast, and gives a reason for every refusal', () => {
    fc.assert(
      fc.property(message, (m) => {
        const r = timed(() => parseAitpMessage(m), 'parseAitpMessage');
        if (r.ok) expectReadableProblems(r.problems);
        else expectRejectedWithReason(r.problems);
        expect(Object.prototype).not.toHaveProperty('polluted');
      }),
      runs(),
    );
  }, FUZZ_TIMEOUT_MS);

  it('splitSse never throws, is fast, and bounds the events per chunk', () => {
    const chunk = fc.oneof(
      { weight: 10, arbitrary: fc.string({ maxLength: 400 }) },
      {
        weight: 10,
        arbitrary: fc.array(fc.tuple(fc.constantFrom('data', 'event', 'id', 'retry', '', ':'), fc.string({ maxLength: 40 }), fc.constantFrom('\n', '\r\n', '\r', '\n\n')), { maxLength: 40 })
          .map((lines) => lines.map(([f, v, end]) => `${f}: ${v}${end}`).join('')),
      },
      // Rare: each costs milliseconds.
      { weight: 1, arbitrary: fc.constantFrom('data: x\n\n'.repeat(5000), '\n'.repeat(100_000), 'data: ' + 'y'.repeat(500_000) + '\n\n') },
    );
    fc.assert(
      fc.property(chunk, (text) => {
        const r = timed(() => splitSse(text), 'splitSse');
        expect(r.events.length).toBeLessThanOrEqual(MAX_SSE_EVENTS);
        for (const e of r.events) expect(typeof e.data).toBe('string');
        expect(typeof r.rest).toBe('string');
      }),
      runs(),
    );
  }, FUZZ_TIMEOUT_MS);
});
