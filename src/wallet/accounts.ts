// The accounts Emissary derives from one BIP-39 seed: an agent identity (did:key), an EVM account
// and a NEAR implicit account.
//
// The result is split in two on purpose: `public` is plain strings, safe to send to the popup, log
// or store; `keys` holds private key bytes and must never leave the service worker.
import { HDKey } from '@scure/bip32';
import { bytesToBase58, bytesToHex, wipeBytes } from './bytes';
import { ed25519PublicKeyToDidKey, ed25519PublicKeyToMultibase } from './did-key';
import { evmAddressFromPublicKey } from './evm-address';
import { deriveSlip10Ed25519 } from './slip10-ed25519';

export { toChecksumAddress } from './evm-address';

/**
 * Identity key path (SLIP-0010 ed25519, all hardened).
 *
 * No standard exists for deriving a did:key from a BIP-39 seed, so this path is ours, chosen so that:
 * - it can never coincide with a coin account. A BIP-44 path (m/44'/coin'/...) would borrow a coin
 *   type registered in SLIP-0044 for something else: NEAR (397'), Solana (501') and Stellar (148') all
 *   derive ed25519 keys from the same seed, and 1237' belongs to Nostr (NIP-06, secp256k1). Keeping the
 *   identity key apart means a signature made as "this agent" can never be replayed as a transaction;
 * - it follows the precedent of application-specific BIP-43 purpose numbers (BIP-85 uses 83696968',
 *   ASCII decimal of "SEED"; LND uses 1017'). 687368 is ASCII decimal of "DID" (68 73 68);
 * - the next two levels leave room to grow without changing the first key: identity (persona) index,
 *   then key version for rotation. Both are hardened because SLIP-0010 ed25519 requires it.
 *
 * Changing this constant changes every user's DID: treat it as frozen.
 */
export const IDENTITY_PATH = "m/687368'/0'/0'";

/** BIP-44 account 0, external chain, index 0: what MetaMask, ethers and hardware wallets use by default. */
export const EVM_PATH = "m/44'/60'/0'/0/0";

/** SLIP-0010 ed25519 path used by near-seed-phrase, NEAR wallets and near-cli for seed-phrase keys. */
export const NEAR_PATH = "m/44'/397'/0'";

export interface PublicAccounts {
  identity: { did: string; publicKeyHex: string; publicKeyMultibase: string; path: string };
  /** EIP-55 checksummed. */
  evm: { address: string; path: string };
  /** accountId is the implicit account (64 lowercase hex chars); publicKey is "ed25519:<base58>". */
  near: { accountId: string; publicKey: string; path: string };
}

export interface KeyPairBytes {
  privateKey: Uint8Array;
  publicKey: Uint8Array;
}

export interface AccountKeys {
  /** Ed25519: 32-byte secret, 32-byte public key. */
  identity: KeyPairBytes;
  /** secp256k1: 32-byte secret, 33-byte compressed public key. */
  evm: KeyPairBytes;
  /** Ed25519: 32-byte secret, 32-byte public key. */
  near: KeyPairBytes;
}

export interface DerivedAccounts {
  public: PublicAccounts;
  keys: AccountKeys;
}

export function nearPublicKeyString(publicKey: Uint8Array): string {
  return 'ed25519:' + bytesToBase58(publicKey);
}

export function nearImplicitAccountId(publicKey: Uint8Array): string {
  return bytesToHex(publicKey);
}

function deriveEvmKey(seed: Uint8Array): KeyPairBytes {
  const root = HDKey.fromMasterSeed(seed);
  const node = root.derive(EVM_PATH);
  if (!node.privateKey || !node.publicKey) throw new Error('BIP-32 derivation produced no EVM key.');
  const pair = { privateKey: Uint8Array.from(node.privateKey), publicKey: Uint8Array.from(node.publicKey) };
  node.wipePrivateData();
  root.wipePrivateData();
  return pair;
}

/** `seed` is the 64-byte BIP-39 seed (see mnemonicToSeed). */
export function deriveAccounts(seed: Uint8Array): DerivedAccounts {
  if (!(seed instanceof Uint8Array) || seed.length < 16 || seed.length > 64) {
    throw new RangeError('Seed must be 16 to 64 bytes (a BIP-39 seed is 64).');
  }
  const identityNode = deriveSlip10Ed25519(seed, IDENTITY_PATH);
  const nearNode = deriveSlip10Ed25519(seed, NEAR_PATH);
  wipeBytes(identityNode.chainCode, nearNode.chainCode);
  const evm = deriveEvmKey(seed);

  const keys: AccountKeys = {
    identity: { privateKey: identityNode.privateKey, publicKey: identityNode.publicKey },
    evm,
    near: { privateKey: nearNode.privateKey, publicKey: nearNode.publicKey },
  };
  return {
    keys,
    public: {
      identity: {
        did: ed25519PublicKeyToDidKey(keys.identity.publicKey),
        publicKeyHex: bytesToHex(keys.identity.publicKey),
        publicKeyMultibase: ed25519PublicKeyToMultibase(keys.identity.publicKey),
        path: IDENTITY_PATH,
      },
      evm: { address: evmAddressFromPublicKey(evm.publicKey), path: EVM_PATH },
      near: {
        accountId: nearImplicitAccountId(keys.near.publicKey),
        publicKey: nearPublicKeyString(keys.near.publicKey),
        path: NEAR_PATH,
      },
    },
  };
}

/** Zeroes every private key in place; call on lock. Best effort, see wipeBytes. */
export function wipeAccountKeys(keys: AccountKeys): void {
  wipeBytes(keys.identity.privateKey, keys.evm.privateKey, keys.near.privateKey);
}
