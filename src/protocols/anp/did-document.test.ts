// did:wba DID documents: the e1 fixture of the ANP SDK (fingerprint and eddsa-jcs-2022 proof verify),
// the P5 golden document, tampered copies, and the DID → URL mapping of ANP-03 §1.1.
import { describe, expect, it } from 'vitest';
import { sharedText } from '../agents-json/corpus.fixture';
import { didDocumentUrl, parseDidDocument } from './did-document';

const E1 = sharedText('specs/anp-vectors/did-e1/e1/did.json');
const E1_DID = 'did:wba:example.com:agents:demo:e1_nG-XhvbryhO6T9QFqzcFURHRJ19wIIu6LzbjMBPSCmQ';
const E1_URL = 'https://example.com/agents/demo/e1_nG-XhvbryhO6T9QFqzcFURHRJ19wIIu6LzbjMBPSCmQ/did.json';

describe('didDocumentUrl', () => {
  it('maps did:wba and did:web DIDs to their https documents', () => {
    expect(didDocumentUrl('did:wba:example.com')).toBe('https://example.com/.well-known/did.json');
    expect(didDocumentUrl('did:wba:example.com:user:alice')).toBe('https://example.com/user/alice/did.json');
    expect(didDocumentUrl('did:wba:example.com%3A3000:user:alice:e1_abc')).toBe('https://example.com:3000/user/alice/e1_abc/did.json');
    expect(didDocumentUrl(E1_DID)).toBe(E1_URL);
    expect(didDocumentUrl('did:web:example.com')).toBe('https://example.com/.well-known/did.json');
    expect(didDocumentUrl('did:wba:192.168.1.1')).toBeNull();
    expect(didDocumentUrl('did:key:z6Mk')).toBeNull();
  });
});

describe('parseDidDocument', () => {
  it('reads the e1 fixture and verifies its fingerprint binding and proof', () => {
    const r = parseDidDocument(E1, E1_URL);
    expect(r.problems).toEqual([]);
    expect(r.signed).toBe(true);
    expect(r.verified).toBe(true);
    expect(r.summary).toEqual({ name: E1_DID, counts: { keys: 3, services: 1 }, links: ['https://example.com/agents/demo'] });
    expect(r.detail).toMatchObject({
      id: E1_DID, method: 'wba', documentUrl: E1_URL, e1Binding: 'verified', proofVerified: true, supportsE2ee: true,
      authentication: [`${E1_DID}#key-1`], keyAgreement: [`${E1_DID}#key-3`],
      verificationMethods: [
        { id: `${E1_DID}#key-1`, type: 'Multikey', keyFormat: 'multibase', curve: 'Ed25519' },
        { id: `${E1_DID}#key-2`, type: 'EcdsaSecp256r1VerificationKey2019', keyFormat: 'jwk', curve: 'P-256' },
        { id: `${E1_DID}#key-3`, type: 'X25519KeyAgreementKey2019', curve: 'X25519' },
      ],
      agentDescriptionUrls: ['https://example.com/agents/demo'],
      proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-jcs-2022', verificationMethod: `${E1_DID}#key-1` },
    });
  });

  it('verifies the signed P5 golden DID document of the ANP messaging vectors', () => {
    const vectors = JSON.parse(sharedText('specs/anp-vectors/direct_e2ee/p5_v2_wire_vectors.json')) as { signed_bundle_golden: { did_document: unknown } };
    const r = parseDidDocument(JSON.stringify(vectors.signed_bundle_golden.did_document), 'file:///did.json');
    expect(r.problems).toEqual([]);
    expect(r.detail).toMatchObject({ e1Binding: 'verified', proofVerified: true, verificationMethods: { length: 4 } });
  });

  it('catches a changed document, a foreign key and a missing proof', () => {
    const doc = JSON.parse(E1) as Record<string, unknown> & { service: Array<Record<string, string>>; verificationMethod: Array<Record<string, string>> };
    const changed = structuredClone(doc);
    changed.service[0].serviceEndpoint = 'https://evil.example/ad.json';
    expect(parseDidDocument(JSON.stringify(changed), E1_URL).problems.map((p) => p.message))
      .toEqual(['e1_nG-Xhvbry…/did.json: proof.proofValue does not verify: the document was changed after it was signed, or signed with another key']);
    const foreign = structuredClone(doc);
    foreign.verificationMethod[0].publicKeyMultibase = 'z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
    expect(parseDidDocument(JSON.stringify(foreign), E1_URL).detail?.e1Binding).toBe('mismatch');
    const unsigned = structuredClone(doc);
    delete unsigned.proof;
    expect(parseDidDocument(JSON.stringify(unsigned), E1_URL).problems.map((p) => p.message))
      .toEqual(['e1_nG-Xhvbry…/did.json: proof is missing; an e1 DID document must carry a proof made with its binding key']);
  });

  it('refuses a document that claims a DID it is not published at', () => {
    const r = parseDidDocument(E1, 'https://example.com/.well-known/did.json');
    expect(r.problems.map((p) => p.message)).toEqual([`did.json: id '${E1_DID}' is published at ${E1_URL}, not at https://example.com/.well-known/did.json: this document claims a DID it does not live at`]);
  });

  it('reads a plain (non-e1) DID document and reports missing keys', () => {
    const vectors = JSON.parse(sharedText('specs/anp-vectors/device_manifest/vnext_did_builder_fixtures.json')) as { base_document: unknown };
    const r = parseDidDocument(JSON.stringify(vectors.base_document), 'file:///did.json');
    expect(r.detail).toMatchObject({ e1Binding: 'not-e1', messageServiceUrl: 'https://example.com/anp', supportsE2ee: false });
    expect(r.problems.map((p) => p.message)).toEqual(['did.json: authentication lists no key, so nobody can authenticate as this DID']);
    expect(parseDidDocument('{"id":"not a did"}', 'file:///did.json').problems.map((p) => p.message)).toEqual(["did.json: id 'not a did' is not a DID"]);
  });
});
