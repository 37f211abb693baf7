// Per-site did:wba identities derived from the wallet seed (SLIP-0010 ed25519, all hardened).
//
// Path scheme, frozen once users have DIDs:
//   m/687368'/1'/<persona>'/<rotation>'/<role>'
// - 687368' is Emissary's identity purpose ("DID" in ASCII decimal, see accounts.ts); branch 0' holds
//   the did:key identity, branch 1' the did:wba personas, so the two never share a key.
// - <persona> = the first 31 bits of SHA-256("emissary/did-wba/persona\0" + persona), where persona
//   is `site:<origin>` (the default: one identity per site) or `name:<label>` (a shared identity the
//   user named). Hashing keeps the path free of the origin itself, and without the seed nobody can
//   tell that two DIDs come from one wallet: the per-site keys are unlinkable.
// - <rotation> starts at 0'; "rotate" in the Site view moves to the next index, which gives a new
//   key, so a new e1_ fingerprint and a new DID.
// - <role> 0' is the Ed25519 key bound by the e1_ fingerprint (authentication + assertionMethod);
//   1' is the X25519 key agreement key (its 32-byte SLIP-0010 secret used as an X25519 secret), so
//   signing keys are never used for ECDH and the other way round.
//
// The keyring holds only the m/687368'/1' node; it signs for the background and never hands out a
// private key.
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { wipeBytes } from './bytes';
import { deriveSlip10Ed25519, HARDENED_OFFSET, hardenedChild, type ExtendedSecret } from './slip10-ed25519';

export const DID_WBA_ROOT_PATH = "m/687368'/1'";

export type KeyPurpose = 'authentication' | 'assertionMethod' | 'keyAgreement';

/** Which verification relationships each role's key is published under (and may be used for). */
const ROLE_PURPOSES: Record<'signing' | 'keyAgreement', KeyPurpose[]> = {
  signing: ['authentication', 'assertionMethod'],
  keyAgreement: ['keyAgreement'],
};

export function personaIndex(persona: string): number {
  const h = sha256(new TextEncoder().encode(`emissary/did-wba/persona\0${persona}`));
  return new DataView(h.buffer, h.byteOffset).getUint32(0, false) & 0x7fff_ffff;
}

export function personaPath(persona: string, rotation: number): string {
  return `${DID_WBA_ROOT_PATH}/${personaIndex(persona)}'/${rotation}'`;
}

export interface PersonaPublicKeys {
  path: string;
  /** Ed25519, 32 bytes. */
  signing: Uint8Array;
  /** X25519, 32 bytes. */
  keyAgreement: Uint8Array;
}

export class KeyPurposeError extends Error {
  override name = 'KeyPurposeError';
}

export class DidWbaKeyring {
  #root: ExtendedSecret | null;

  constructor(seed: Uint8Array) {
    const node = deriveSlip10Ed25519(seed, DID_WBA_ROOT_PATH);
    this.#root = { key: node.privateKey, chainCode: node.chainCode };
  }

  #derive(persona: string, rotation: number, role: 0 | 1): Uint8Array {
    if (!this.#root) throw new Error('Emissary is locked.');
    if (!Number.isInteger(rotation) || rotation < 0 || rotation >= HARDENED_OFFSET) throw new RangeError('rotation must be a non-negative integer');
    let node = this.#root;
    for (const i of [personaIndex(persona), rotation, role]) {
      const next = hardenedChild(node, i + HARDENED_OFFSET);
      if (node !== this.#root) wipeBytes(node.key, node.chainCode);
      node = next;
    }
    wipeBytes(node.chainCode);
    return node.key;
  }

  publicKeys(persona: string, rotation: number): PersonaPublicKeys {
    const s = this.#derive(persona, rotation, 0);
    const k = this.#derive(persona, rotation, 1);
    try {
      return { path: personaPath(persona, rotation), signing: ed25519.getPublicKey(s), keyAgreement: x25519.getPublicKey(k) };
    } finally {
      wipeBytes(s, k);
    }
  }

  /** Signs with the persona's Ed25519 key, only for a purpose that key is published under. */
  sign(persona: string, rotation: number, purpose: KeyPurpose, message: Uint8Array): Uint8Array {
    if (!ROLE_PURPOSES.signing.includes(purpose)) throw new KeyPurposeError(`The signing key is not published for ${purpose}; nothing was signed.`);
    const s = this.#derive(persona, rotation, 0);
    try {
      return ed25519.sign(message, s);
    } finally {
      wipeBytes(s);
    }
  }

  wipe(): void {
    if (this.#root) wipeBytes(this.#root.key, this.#root.chainCode);
    this.#root = null;
  }
}
