// did:key for Ed25519 public keys (https://w3c-ccg.github.io/did-method-key/).
// The method-specific id is multibase base58btc ('z') of the multicodec ed25519-pub code 0xed,
// written as the unsigned varint 0xed 0x01, followed by the 32-byte key. That is where every
// Ed25519 did:key gets its "z6Mk" prefix.
import { base58ToBytes, bytesToBase58, concatBytes } from './bytes';

const ED25519_PUB_MULTICODEC = new Uint8Array([0xed, 0x01]);
const DID_KEY_PREFIX = 'did:key:';

/** The multibase form also used as `publicKeyMultibase` in Multikey / Ed25519VerificationKey2020. */
export function ed25519PublicKeyToMultibase(publicKey: Uint8Array): string {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) {
    throw new RangeError('An Ed25519 public key is 32 bytes.');
  }
  return 'z' + bytesToBase58(concatBytes(ED25519_PUB_MULTICODEC, publicKey));
}

export function ed25519PublicKeyToDidKey(publicKey: Uint8Array): string {
  return DID_KEY_PREFIX + ed25519PublicKeyToMultibase(publicKey);
}

/** Inverse of ed25519PublicKeyToDidKey; throws on any other key type, encoding or length. */
export function didKeyToEd25519PublicKey(did: string): Uint8Array {
  if (typeof did !== 'string' || !did.startsWith(DID_KEY_PREFIX + 'z')) {
    throw new Error('Not a base58btc did:key (expected "did:key:z...").');
  }
  let decoded: Uint8Array;
  try {
    decoded = base58ToBytes(did.slice(DID_KEY_PREFIX.length + 1));
  } catch {
    throw new Error('did:key is not valid base58btc.');
  }
  if (decoded[0] !== ED25519_PUB_MULTICODEC[0] || decoded[1] !== ED25519_PUB_MULTICODEC[1]) {
    throw new Error('did:key is not an Ed25519 key (multicodec prefix is not 0xed01).');
  }
  if (decoded.length !== 34) {
    throw new Error(`did:key Ed25519 key must be 32 bytes, got ${decoded.length - 2}.`);
  }
  return decoded.slice(2);
}
