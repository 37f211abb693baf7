// Fuzzing ANP: agent-description lists, agent descriptions (both shapes), DID documents and OpenRPC
// interfaces, mutated from the ANP SDK fixtures and spec examples. Never a throw, never slow, a reason
// for every refused document, and a proof is never reported verified unless it checked out.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAnpAgentDescription, parseAnpAgentDescriptions, parseDidDocument, parseOpenRpc } from '../protocols/anp';
import { documentParserProperty, FUZZ_TIMEOUT_MS, runs } from './fuzz-kit';
import { ANP_DESCRIPTION_SEEDS, ANP_DESCRIPTIONS_SEEDS, DID_SEEDS, OPENRPC_SEEDS } from './seeds';

describe('ANP parsers under fuzzing', () => {
  it('parseAnpAgentDescriptions never throws, is fast, and gives a reason for every refusal', () => {
    fc.assert(documentParserProperty('parseAnpAgentDescriptions', parseAnpAgentDescriptions, ANP_DESCRIPTIONS_SEEDS), runs());
  }, FUZZ_TIMEOUT_MS);

  it('parseAnpAgentDescription never throws, is fast, and gives a reason for every refusal', () => {
    fc.assert(documentParserProperty('parseAnpAgentDescription', parseAnpAgentDescription, ANP_DESCRIPTION_SEEDS), runs());
  }, FUZZ_TIMEOUT_MS);

  it('parseDidDocument never throws, is fast, gives a reason for every refusal, and verifies only real proofs', () => {
    fc.assert(
      documentParserProperty('parseDidDocument', parseDidDocument, DID_SEEDS, (r) => {
        const verified = (r as { verified?: boolean }).verified;
        // The e1 fixture verifies only as published: any mutation must not leave it "verified" unless the proof still holds.
        if (verified === true) expect((r as { signed?: boolean }).signed).toBe(true);
      }),
      runs(),
    );
  }, FUZZ_TIMEOUT_MS);

  it('parseOpenRpc never throws, is fast, and gives a reason for every refusal', () => {
    fc.assert(documentParserProperty('parseOpenRpc', parseOpenRpc, OPENRPC_SEEDS), runs());
  }, FUZZ_TIMEOUT_MS);
});
