// Finding an executed EIP-3009 authorization on chain. The token emits
// AuthorizationUsed(address indexed authorizer, bytes32 indexed nonce) in the transaction that moved the
// tokens, next to that transfer's Transfer(from, to, value). Logs and receipts come from a JSON-RPC node,
// which is not trusted to have filtered anything: every field is read strictly and checked again here.
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, isHex, uint256Word, utf8Bytes, type Hex } from './bytes';

const topicOf = (signature: string): Hex => bytesToHex(keccak_256(utf8Bytes(signature)));

/** keccak256("AuthorizationUsed(address,bytes32)") */
export const AUTHORIZATION_USED_TOPIC = topicOf('AuthorizationUsed(address,bytes32)');
/** keccak256("Transfer(address,address,uint256)") */
export const TRANSFER_TOPIC = topicOf('Transfer(address,address,uint256)');

const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;

/** An address as an indexed topic: left-padded to 32 bytes, lower case. */
export function addressTopic(address: string): Hex {
  if (!ADDRESS_RE.test(address)) throw new TypeError(`not an address: ${address.slice(0, 50)}`);
  return `0x${'0'.repeat(24)}${address.slice(2).toLowerCase()}`;
}

/** The transfer an authorization allows: exactly `value` of `token` from `from` to `to`, once, by `nonce`. */
export interface AuthorizedTransfer {
  token: string;
  from: string;
  to: string;
  value: bigint;
  nonce: string;
}

/** A log as a node reports it, read strictly (lower-case hex). */
export interface ChainLog {
  address: string;
  topics: Hex[];
  data: Hex;
  transactionHash: Hex;
  blockNumber: number;
  removed: boolean;
}

export interface ChainReceipt {
  transactionHash: Hex;
  blockNumber: number;
  /** EIP-658 status: true when the transaction did not revert. */
  success: boolean;
  logs: ChainLog[];
}

const quantity = (v: unknown): number | undefined =>
  typeof v === 'string' && /^0x[0-9a-fA-F]{1,14}$/.test(v) ? Number.parseInt(v.slice(2), 16) : undefined;

/** A log from eth_getLogs or a receipt; null when any field is missing or malformed. */
export function readLog(value: unknown): ChainLog | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const topics = Array.isArray(v.topics) ? v.topics : [];
  const blockNumber = quantity(v.blockNumber);
  if (typeof v.address !== 'string' || !ADDRESS_RE.test(v.address)) return null;
  if (topics.length === 0 || topics.length > 4 || !topics.every((t) => isHex(t, 32))) return null;
  if (!isHex(v.data) || !isHex(v.transactionHash, 32) || blockNumber === undefined) return null;
  return {
    address: v.address.toLowerCase(),
    topics: (topics as Hex[]).map((t) => t.toLowerCase() as Hex),
    data: v.data.toLowerCase() as Hex,
    transactionHash: v.transactionHash.toLowerCase() as Hex,
    blockNumber,
    removed: v.removed === true,
  };
}

/** A receipt from eth_getTransactionReceipt; null when malformed (a node that has none answers null). */
export function readReceipt(value: unknown): ChainReceipt | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const blockNumber = quantity(v.blockNumber);
  if (!isHex(v.transactionHash, 32) || blockNumber === undefined || !Array.isArray(v.logs)) return null;
  const logs = v.logs.map(readLog);
  if (logs.some((l) => l === null)) return null;
  return { transactionHash: v.transactionHash.toLowerCase() as Hex, blockNumber, success: v.status === '0x1', logs: logs as ChainLog[] };
}

/** The eth_getLogs filter (without the block range) for the AuthorizationUsed of this authorizer and nonce. */
export function authorizationUsedFilter(t: Pick<AuthorizedTransfer, 'token' | 'from' | 'nonce'>): { address: string; topics: Hex[] } {
  if (!isHex(t.nonce, 32)) throw new TypeError('the authorization nonce must be 32 bytes of hex');
  return { address: t.token.toLowerCase(), topics: [AUTHORIZATION_USED_TOPIC, addressTopic(t.from), t.nonce.toLowerCase() as Hex] };
}

/** True when the log is this token's AuthorizationUsed for this authorizer and nonce (and was not reorged away). */
export function isAuthorizationUsed(log: ChainLog, t: Pick<AuthorizedTransfer, 'token' | 'from' | 'nonce'>): boolean {
  const f = authorizationUsedFilter(t);
  return !log.removed && log.address === f.address && log.topics.length === 3 && f.topics.every((x, i) => log.topics[i] === x);
}

function isTransfer(log: ChainLog, t: AuthorizedTransfer): boolean {
  return (
    !log.removed &&
    log.address === t.token.toLowerCase() &&
    log.topics.length === 3 &&
    log.topics[0] === TRANSFER_TOPIC &&
    log.topics[1] === addressTopic(t.from) &&
    log.topics[2] === addressTopic(t.to) &&
    log.data === bytesToHex(uint256Word(t.value))
  );
}

/**
 * Why this receipt does not prove the authorized transfer, or null when it does: the transaction
 * succeeded, the token logged AuthorizationUsed for this authorizer and nonce, and in the same
 * transaction the token logged a Transfer of exactly `value` from `from` to `to`.
 */
export function transferReceiptProblem(receipt: ChainReceipt, t: AuthorizedTransfer): string | null {
  if (!receipt.success) return `transaction ${receipt.transactionHash} reverted`;
  if (!receipt.logs.some((l) => isAuthorizationUsed(l, t))) return `transaction ${receipt.transactionHash} did not use this authorization`;
  if (!receipt.logs.some((l) => isTransfer(l, t))) {
    return `transaction ${receipt.transactionHash} used this authorization but moved no transfer of exactly this amount to this payee`;
  }
  return null;
}
