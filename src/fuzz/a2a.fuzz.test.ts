// Fuzzing A2A agent cards (every generation): never a throw, never slow, a reason for every refused
// card, and a signature is never reported as verified (they are read, not checked, today).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseA2aAgentCard, type A2aAgentCard } from '../protocols/a2a';
import { documentParserProperty, FUZZ_TIMEOUT_MS, runs } from './fuzz-kit';
import { A2A_SEEDS } from './seeds';

describe('parseA2aAgentCard under fuzzing', () => {
  it('never throws, is fast, gives a reason for every refusal, and never claims a verified signature', () => {
    fc.assert(
      documentParserProperty('parseA2aAgentCard', parseA2aAgentCard, A2A_SEEDS, (r) => {
        const card = r.detail as A2aAgentCard | null;
        if (card) {
          expect(card.signatureVerified).toBe(false);
          expect(card.signed).toBe(card.signatures.length > 0 || card.signed);
          expect(card.name.length).toBeGreaterThan(0);
        }
      }),
      runs(),
    );
  }, FUZZ_TIMEOUT_MS);
});
