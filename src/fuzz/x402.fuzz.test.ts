// Fuzzing x402: 402 responses (v1 body, v2 header), payment payload headers and settlement headers, from
// mutations of the payments.md examples, random JSON, and base64 that is broken in every way. Never a
// throw, never slow, a coded reason for every refusal, and valid headers read back exactly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeBase64Json, parsePaymentPayload, parsePaymentRequired, parseSettlementResponse, type Result } from '../protocols/x402';
import { documentText, FUZZ_TIMEOUT_MS, hostileJson, mutatedDocument, runs, SECONDARY_RUNS, timed, toText } from './fuzz-kit';
import { X402_EXAMPLES } from './seeds';

const SEEDS = {
  required: [JSON.stringify(X402_EXAMPLES.paymentRequiredV1), JSON.stringify(X402_EXAMPLES.paymentRequiredV2)],
  payload: [
    JSON.stringify(X402_EXAMPLES.paymentPayloadV1),
    JSON.stringify({ x402Version: 2, accepted: X402_EXAMPLES.paymentRequiredV2.accepts[0], payload: X402_EXAMPLES.paymentPayloadV1.payload }),
  ],
  settlement: [JSON.stringify(X402_EXAMPLES.settlementV2), JSON.stringify(X402_EXAMPLES.settlementFailure)],
};

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** A header value: base64 of a mutated or random document, or base64 broken on purpose. */
function headerValue(seeds: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: mutatedDocument(seeds).map((v) => b64(toText(v))) },
    { weight: 2, arbitrary: documentText(seeds).map(b64) },
    { weight: 1, arbitrary: fc.constantFrom(...seeds).map(b64).map((s) => s.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...seeds).map(b64), fc.nat(), fc.string({ maxLength: 3 })).map(([s, i, junk]) => s.slice(0, i % (s.length + 1)) + junk) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('base64')) },
    { weight: 1, arbitrary: fc.string({ maxLength: 100 }) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', '====', 'A', 'AA==', b64('x'.repeat(20_000)), 'A'.repeat(40_000), b64('{"a":'.repeat(100) + '1' + '}'.repeat(100)), b64('\ufeff{}'), b64('null')) },
  );
}

function checkResult(r: Result<unknown>): void {
  if (r.ok) return;
  expect(r.problems.length, 'a refusal needs at least one problem').toBeGreaterThan(0);
  for (const p of r.problems) {
    expect(typeof p.code).toBe('string');
    expect(typeof p.message).toBe('string');
    expect(p.message.trim().length).toBeGreaterThan(0);
    expect(p.message).not.toContain('[object Object]');
  }
}

describe('x402 parsers under fuzzing', () => {
  it('parsePaymentRequired never throws, is fast, and gives a reason for every refusal', () => {
    const status = fc.oneof({ weight: 8, arbitrary: fc.constant(402) }, { weight: 1, arbitrary: fc.constantFrom(200, 401, 403, 500, 0, -1, NaN, 402.5) });
    const headers = fc.oneof(
      fc.constant({}), fc.constant(null), fc.constant(undefined),
      headerValue(SEEDS.required).map((v) => ({ 'payment-required': v })),
      headerValue(SEEDS.required).map((v) => new Headers({ 'PAYMENT-REQUIRED': v.replace(/[^\x20-\x7e]/g, '') })),
      hostileJson.map((v) => (typeof v === 'object' && v !== null ? v : {})),
    );
    const body = fc.oneof(documentText(SEEDS.required), fc.constant(null), fc.constant(undefined), fc.constant('x'.repeat(70_000)));
    fc.assert(
      fc.property(status, headers, body, (s, h, b) => {
        const r = timed(() => parsePaymentRequired(s, h as never, b), 'parsePaymentRequired');
        checkResult(r);
        if (r.ok) {
          for (const req of r.value.requirements) {
            expect(req.amount >= 0n).toBe(true);
            expect(req.payTo).toMatch(/^0x[0-9a-fA-F]{40}$/);
          }
          for (const skipped of r.value.ignored) checkResult({ ok: false, problems: skipped.problems });
        }
      }),
      runs(),
    );
  }, FUZZ_TIMEOUT_MS);

  it('parsePaymentPayload never throws, is fast, and gives a reason for every refusal', () => {
    fc.assert(fc.property(headerValue(SEEDS.payload), (v) => checkResult(timed(() => parsePaymentPayload(v), 'parsePaymentPayload'))), runs());
  }, FUZZ_TIMEOUT_MS);

  it('parseSettlementResponse never throws, is fast, and gives a reason for every refusal', () => {
    fc.assert(fc.property(headerValue(SEEDS.settlement), (v) => checkResult(timed(() => parseSettlementResponse(v), 'parseSettlementResponse'))), runs());
  }, FUZZ_TIMEOUT_MS);

  const hex = (bytes: number) => fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((b) => `0x${Buffer.from(b).toString('hex')}`);
  const uint = fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }).map(String);

  it('reads a valid payment payload back exactly', () => {
    fc.assert(
      fc.property(hex(20), hex(20), uint, uint, uint, hex(32), hex(65), fc.constantFrom(1, 2), (from, to, value, validAfter, validBefore, nonce, signature, version) => {
        const authorization = { from, to, value, validAfter, validBefore, nonce };
        const payload = version === 1
          ? { x402Version: 1, scheme: 'exact', network: 'base-sepolia', payload: { signature, authorization } }
          : { x402Version: 2, accepted: { scheme: 'exact', network: 'eip155:84532' }, payload: { signature, authorization } };
        const r = parsePaymentPayload(encodeBase64Json(payload));
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.value.signature).toBe(signature.toLowerCase());
        expect(r.value.authorization.from.toLowerCase()).toBe(from);
        expect(r.value.authorization.to.toLowerCase()).toBe(to);
        expect([r.value.authorization.value, r.value.authorization.validAfter, r.value.authorization.validBefore]).toEqual([value, validAfter, validBefore]);
        expect(r.value.authorization.nonce).toBe(nonce);
      }),
      runs(SECONDARY_RUNS),
    );
  }, FUZZ_TIMEOUT_MS);

  it('reads a valid settlement response back exactly', () => {
    fc.assert(
      fc.property(fc.boolean(), hex(32), hex(20), fc.option(uint, { nil: undefined }), fc.constantFrom('eip155:8453', 'eip155:84532', 'base', 'base-sepolia'), (success, transaction, payer, amount, network) => {
        const settlement = { success, transaction, network, payer, ...(amount !== undefined ? { amount } : {}) };
        const r = parseSettlementResponse(encodeBase64Json(settlement));
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.value.success).toBe(success);
        expect(r.value.transaction).toBe(transaction);
        expect(r.value.network).toBe(network);
        expect(r.value.payer?.toLowerCase()).toBe(payer);
        expect(r.value.amount).toBe(amount === undefined ? undefined : BigInt(amount));
      }),
      runs(SECONDARY_RUNS),
    );
  }, FUZZ_TIMEOUT_MS);
});
