// Fuzzing the EVM primitives a site can reach: EIP-712 hashing of hostile typed data (only TypedDataError,
// never slow, and the same digest as viem for every valid input) and exact token units.
import fc from 'fast-check';
import { hashTypedData as viemHashTypedData } from 'viem';
import { describe, expect, it } from 'vitest';
import { bytesToHex, formatUnits, hashTypedData, MAX_UINT256, parseUnits, TypedDataError, UnitsError, type TypedData } from '../protocols/evm';
import { FUZZ_TIMEOUT_MS, hostileJson, mutatedDocument, objectFromEntries, runs, SECONDARY_RUNS, timed } from './fuzz-kit';

const USDC_AUTH = {
  types: {
    EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'version', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }],
    TransferWithAuthorization: [
      { name: 'from', type: 'address' }, { name: 'to', type: 'address' }, { name: 'value', type: 'uint256' },
      { name: 'validAfter', type: 'uint256' }, { name: 'validBefore', type: 'uint256' }, { name: 'nonce', type: 'bytes32' },
    ],
  },
  primaryType: 'TransferWithAuthorization',
  domain: { name: 'USDC', version: '2', chainId: 84532, verifyingContract: '0x036CbD53842c5426634e7929541eC2318f3dCF7e' },
  message: {
    from: '0x857b06519E91e3A54538791bDbb0E22373e36b66', to: '0x209693Bc6afc0C5328bA36FaF03C514EF312287C', value: '10000',
    validAfter: '1740672089', validBefore: '1740672154', nonce: '0xf3746613c2d920b5fdabc0856f2aeb2d4f88ee6037b8cc5d04a71a4462f13480',
  },
};
const MAIL = {
  types: {
    Person: [{ name: 'name', type: 'string' }, { name: 'wallets', type: 'address[]' }],
    Mail: [{ name: 'from', type: 'Person' }, { name: 'to', type: 'Person[]' }, { name: 'contents', type: 'string' }, { name: 'tags', type: 'bytes8[2]' }],
  },
  primaryType: 'Mail',
  domain: { name: 'Ether Mail', version: '1', chainId: 1, verifyingContract: '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC', salt: '0x' + '11'.repeat(32) },
  message: {
    from: { name: 'Cow', wallets: ['0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826'] },
    to: [{ name: 'Bob', wallets: ['0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB', '0xB0BdaBea57B0BDABeA57b0bdABEA57b0BDabEa57'] }],
    contents: 'Hello, Bob!', tags: ['0x0102030405060708', '0x1112131415161718'],
  },
};

/** Typed data crafted to exhaust: recursive struct types, huge fixed arrays, many values, absurd int sizes. */
const HOSTILE_TYPED = [
  { types: { A: [{ name: 'a', type: 'A' }] }, primaryType: 'A', domain: {}, message: { a: { a: { a: { a: {} } } } } },
  { types: { A: [{ name: 'a', type: 'A[]' }] }, primaryType: 'A', domain: {}, message: { a: [{ a: [{ a: [] }] }] } },
  { types: { A: [{ name: 'x', type: 'uint256[100000]' }] }, primaryType: 'A', domain: {}, message: { x: Array(100_000).fill('1') } },
  { types: { A: [{ name: 'x', type: 'string[]' }] }, primaryType: 'A', domain: {}, message: { x: Array(150_000).fill('x') } },
  { types: { A: [{ name: 'x', type: 'uint256[][][]' }] }, primaryType: 'A', domain: {}, message: { x: Array(60).fill(Array(60).fill(Array(60).fill('1'))) } },
  { types: { A: [{ name: 'x', type: 'uint9' }, { name: 'y', type: 'bytes33' }, { name: 'z', type: 'uint' }] }, primaryType: 'A', domain: {}, message: { x: 1, y: '0x', z: 1 } },
  { types: { A: [{ name: 'x', type: 'uint256[99999999999999999999]' }] }, primaryType: 'A', domain: {}, message: { x: [] } },
  { types: objectFromEntries([['__proto__', [{ name: 'x', type: 'uint256' }]], ['A', [{ name: 'x', type: '__proto__' }]]]), primaryType: 'A', domain: {}, message: { x: {} } },
  { types: { A: [{ name: 'x', type: 'string' }] }, primaryType: 'A', domain: { name: '\ud800' }, message: { x: '\udfff' } },
  { types: { A: [{ name: 'x', type: 'uint256' }] }, primaryType: 'A', domain: { chainId: 1e300 }, message: { x: 2 ** 60 } },
  { types: { A: [{ name: 'x', type: 'address' }] }, primaryType: 'constructor', domain: { verifyingContract: 'toString' }, message: {} },
  { types: { A: [{ name: 'x', type: 'bytes' }] }, primaryType: 'A', domain: {}, message: { x: '0x' + 'ab'.repeat(500_000) } },
];

const SEEDS = [JSON.stringify(USDC_AUTH), JSON.stringify(MAIL)];

describe('hashTypedData under fuzzing', () => {
  it('throws only TypedDataError on hostile typed data, with a message, and is fast', () => {
    const input = fc.oneof(
      { weight: 6, arbitrary: mutatedDocument(SEEDS) },
      { weight: 1, arbitrary: hostileJson },
      { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_TYPED) },
      { weight: 1, arbitrary: fc.record({ types: hostileJson, primaryType: fc.oneof(fc.string(), hostileJson), domain: hostileJson, message: hostileJson }) },
    );
    fc.assert(
      fc.property(input, (typedData) => {
        try {
          const digest = timed(() => hashTypedData(typedData as TypedData), 'hashTypedData');
          expect(digest).toBeInstanceOf(Uint8Array);
          expect(digest.length).toBe(32);
        } catch (e) {
          if (!(e instanceof TypedDataError)) throw e;
          expect(e.message.trim().length).toBeGreaterThan(0);
        }
      }),
      runs(),
    );
  }, FUZZ_TIMEOUT_MS);

  // Valid typed data of random shape: the digest must equal viem's (an independent implementation).
  const ATOMIC = ['address', 'bool', 'string', 'bytes', 'uint8', 'uint64', 'uint256', 'int8', 'int128', 'int256', 'bytes1', 'bytes20', 'bytes32'] as const;
  type Atomic = (typeof ATOMIC)[number];
  const hexBytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n }).map((b) => bytesToHex(b));
  const valueOf = (type: Atomic): fc.Arbitrary<unknown> => {
    if (type === 'address') return hexBytes(20);
    if (type === 'bool') return fc.boolean();
    if (type === 'string') return fc.string({ maxLength: 30 });
    if (type === 'bytes') return fc.uint8Array({ maxLength: 40 }).map((b) => bytesToHex(b));
    const bytesN = /^bytes(\d+)$/.exec(type);
    if (bytesN) return hexBytes(Number(bytesN[1]));
    const bits = BigInt(/\d+$/.exec(type)![0]);
    return type.startsWith('u') ? fc.bigInt({ min: 0n, max: (1n << bits) - 1n }) : fc.bigInt({ min: -(1n << (bits - 1n)), max: (1n << (bits - 1n)) - 1n });
  };
  const field = fc.record({ type: fc.constantFrom(...ATOMIC), array: fc.constantFrom(undefined, 0, 2) });
  const validTyped = fc
    .record({
      fields: fc.array(field, { minLength: 1, maxLength: 6 }),
      inner: fc.array(field, { minLength: 1, maxLength: 3 }),
      domain: fc.record({ name: fc.string({ maxLength: 20 }), version: fc.string({ maxLength: 5 }), chainId: fc.integer({ min: 1, max: 2 ** 40 }), verifyingContract: hexBytes(20) }, { requiredKeys: [] }),
    })
    .chain(({ fields, inner, domain }) => {
      const fieldArb = (f: { type: Atomic; array: number | undefined }) => (f.array === undefined ? valueOf(f.type) : fc.array(valueOf(f.type), f.array ? { minLength: f.array, maxLength: f.array } : { maxLength: 3 }));
      const typeName = (f: { type: Atomic; array: number | undefined }) => (f.array === undefined ? f.type : `${f.type}[${f.array || ''}]`);
      const innerFields = inner.map((f, i) => ({ name: `i${i}`, type: typeName(f) }));
      const outerFields = [...fields.map((f, i) => ({ name: `f${i}`, type: typeName(f) })), { name: 'sub', type: 'Inner' }];
      return fc
        .record({
          outer: fc.tuple(...fields.map(fieldArb)),
          sub: fc.tuple(...inner.map(fieldArb)),
        })
        .map(({ outer, sub }) => ({
          types: { Outer: outerFields, Inner: innerFields },
          primaryType: 'Outer',
          domain,
          message: { ...Object.fromEntries(outer.map((v, i) => [`f${i}`, v])), sub: Object.fromEntries(sub.map((v, i) => [`i${i}`, v])) },
        }));
    });

  it('gives the same digest as viem for every valid typed data', () => {
    fc.assert(
      fc.property(validTyped, (td) => {
        const ours = bytesToHex(hashTypedData(td as TypedData));
        const theirs = viemHashTypedData(td as never);
        expect(ours).toBe(theirs);
      }),
      runs(SECONDARY_RUNS),
    );
  }, FUZZ_TIMEOUT_MS);
});

describe('parseUnits / formatUnits under fuzzing', () => {
  const decimals = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 36 }) }, { weight: 1, arbitrary: fc.constantFrom(-1, 1.5, 256, NaN, Infinity, 2 ** 53) });
  const amountText = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.stringMatching(/^[0-9]{0,40}(\.[0-9]{0,40})?$/),
    fc.constantFrom('', '.', '0.', '.5', '-1', '+1', '1e3', '0x10', ' 1', '1 ', '1,000', '١٢٣', '1_000', 'Infinity', 'NaN', '9'.repeat(101), '9'.repeat(100), '0.' + '0'.repeat(99)),
  );

  it('parseUnits throws only UnitsError, with a message, and returns a uint256', () => {
    fc.assert(
      fc.property(amountText, decimals, (text, d) => {
        try {
          const v = timed(() => parseUnits(text, d), 'parseUnits');
          expect(v >= 0n && v <= MAX_UINT256).toBe(true);
        } catch (e) {
          if (!(e instanceof UnitsError)) throw e;
          expect(e.message.trim().length).toBeGreaterThan(0);
        }
      }),
      runs(),
    );
  }, FUZZ_TIMEOUT_MS);

  it('formatUnits and parseUnits round-trip every amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MAX_UINT256 }), fc.integer({ min: 0, max: 77 }), (value, d) => {
        const text = formatUnits(value, d);
        expect(parseUnits(text, d)).toBe(value);
        expect(formatUnits(value, d, { group: true }).replace(/,/g, '')).toBe(text);
      }),
      runs(),
    );
  }, FUZZ_TIMEOUT_MS);
});
