// Reading an executed EIP-3009 authorization from a node's answers, against a real transferWithAuthorization
// of TestUSDC on anvil (testdata/transfer-with-authorization.json) and ethers as the topic oracle.
import { describe, expect, it } from 'vitest';
import { id as ethersId, zeroPadValue } from 'ethers';
import doc from './testdata/transfer-with-authorization.json';
import {
  addressTopic,
  AUTHORIZATION_USED_TOPIC,
  authorizationUsedFilter,
  isAuthorizationUsed,
  readLog,
  readReceipt,
  TRANSFER_TOPIC,
  transferReceiptProblem,
  type AuthorizedTransfer,
} from './eip3009-logs';

const a = doc.authorization;
const paid: AuthorizedTransfer = { token: a.token, from: a.from, to: a.to, value: BigInt(a.value), nonce: a.nonce };
const receipt = () => readReceipt(structuredClone(doc.receipt))!;

describe('event topics', () => {
  it('are keccak256 of the event signatures (ethers agrees)', () => {
    expect(AUTHORIZATION_USED_TOPIC).toBe(ethersId('AuthorizationUsed(address,bytes32)'));
    expect(TRANSFER_TOPIC).toBe(ethersId('Transfer(address,address,uint256)'));
    expect(addressTopic(a.from)).toBe(zeroPadValue(a.from, 32).toLowerCase());
  });

  it('the filter is exactly what the real token logged', () => {
    expect(authorizationUsedFilter(paid)).toEqual({ address: doc.getLogs[0].address, topics: doc.getLogs[0].topics });
    expect(() => authorizationUsedFilter({ ...paid, nonce: '0x1234' })).toThrow(/32 bytes/);
    expect(() => addressTopic('0x1234')).toThrow(/not an address/);
  });
});

describe('a real receipt', () => {
  it('reads the logs and receipt anvil sent', () => {
    const log = readLog(doc.getLogs[0])!;
    expect(log).toMatchObject({ address: a.token.toLowerCase(), transactionHash: doc.receipt.transactionHash, blockNumber: 3, removed: false });
    expect(isAuthorizationUsed(log, paid)).toBe(true);
    expect(receipt()).toMatchObject({ success: true, blockNumber: 3, transactionHash: doc.receipt.transactionHash });
  });

  it('proves the authorized transfer', () => {
    expect(transferReceiptProblem(receipt(), paid)).toBeNull();
  });

  it('does not prove another payee, amount, payer, nonce or token', () => {
    const other = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
    expect(transferReceiptProblem(receipt(), { ...paid, to: other })).toMatch(/moved no transfer of exactly this amount to this payee/);
    expect(transferReceiptProblem(receipt(), { ...paid, value: paid.value + 1n })).toMatch(/moved no transfer/);
    expect(transferReceiptProblem(receipt(), { ...paid, from: other })).toMatch(/did not use this authorization/);
    expect(transferReceiptProblem(receipt(), { ...paid, nonce: `0x${'00'.repeat(32)}` })).toMatch(/did not use this authorization/);
    expect(transferReceiptProblem(receipt(), { ...paid, token: other })).toMatch(/did not use this authorization/);
    expect(isAuthorizationUsed(readLog(doc.getLogs[0])!, { ...paid, nonce: `0x${'00'.repeat(32)}` })).toBe(false);
  });

  it('does not prove a reverted transaction or a log a reorg removed', () => {
    expect(transferReceiptProblem(readReceipt({ ...structuredClone(doc.receipt), status: '0x0' })!, paid)).toMatch(/reverted/);
    expect(isAuthorizationUsed(readLog({ ...doc.getLogs[0], removed: true })!, paid)).toBe(false);
    const removedTransfer = structuredClone(doc.receipt);
    removedTransfer.logs[1].removed = true;
    expect(transferReceiptProblem(readReceipt(removedTransfer)!, paid)).toMatch(/moved no transfer/);
  });

  it('refuses malformed answers instead of guessing', () => {
    const log = doc.getLogs[0];
    for (const bad of [null, 'x', { ...log, address: '0x12' }, { ...log, topics: [] }, { ...log, topics: ['0x12'] }, { ...log, data: 'zz' }, { ...log, blockNumber: 3 }, { ...log, transactionHash: '0x' }]) {
      expect(readLog(bad), JSON.stringify(bad)?.slice(0, 80)).toBeNull();
    }
    expect(readReceipt(null)).toBeNull();
    expect(readReceipt({ ...doc.receipt, logs: [{}] })).toBeNull();
    expect(readReceipt({ ...doc.receipt, logs: undefined })).toBeNull();
  });
});
