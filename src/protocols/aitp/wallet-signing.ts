// What the wallet signs for AITP-04 / AITP-05 message-signing requests, as bytes (the background signs them
// with the vault's keys):
// - NEP-413: sha256( borsh(u32 2^31 + 413) || borsh({ message: string, nonce: [u8; 32], recipient: string,
//   callbackUrl: Option<string> }) ), signed with ed25519. The tag keeps the bytes from ever being a transaction.
// - EIP-191 personal_sign: keccak256("\x19Ethereum Signed Message:\n" + byte length + bytes); a 0x-hex message
//   is signed as the bytes it spells (as wallets do), any other text as UTF-8.
import { sha256 } from '@noble/hashes/sha2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { base64ToBytes, concatBytes, hexToBytes, utf8ToBytes } from '../../wallet/bytes';

export const NEP413_TAG = 2 ** 31 + 413;

export interface Nep413Payload {
  message: string;
  /** Base64 of exactly 32 bytes. */
  nonce: string;
  recipient: string;
  callbackUrl?: string;
}

const u32 = (n: number) => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
};
const borshString = (s: string) => {
  const bytes = utf8ToBytes(s);
  return concatBytes(u32(bytes.length), bytes);
};

/** The borsh bytes NEP-413 hashes (tag included). Throws on a nonce that is not 32 bytes. */
export function nep413Bytes(p: Nep413Payload): Uint8Array {
  const nonce = base64ToBytes(p.nonce);
  if (nonce.length !== 32) throw new Error('The NEP-413 nonce must be 32 bytes.');
  const callback = p.callbackUrl === undefined ? new Uint8Array([0]) : concatBytes(new Uint8Array([1]), borshString(p.callbackUrl));
  return concatBytes(u32(NEP413_TAG), borshString(p.message), nonce, borshString(p.recipient), callback);
}

/** The 32 bytes NEP-413 signs. */
export function nep413Hash(p: Nep413Payload): Uint8Array {
  return sha256(nep413Bytes(p));
}

/** The bytes a personal_sign message stands for. */
export function personalSignBytes(message: string): Uint8Array {
  return /^0x([0-9a-fA-F]{2})+$/.test(message) ? hexToBytes(message.slice(2)) : utf8ToBytes(message);
}

/** The EIP-191 (version 0x45) digest of a personal_sign message. */
export function personalSignHash(message: string): Uint8Array {
  const bytes = personalSignBytes(message);
  return keccak_256(concatBytes(utf8ToBytes(`\x19Ethereum Signed Message:\n${bytes.length}`), bytes));
}
