import { describe, expect, it } from 'vitest';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { TypedDataEncoder } from 'ethers';
import { bytesToHex } from './bytes';
import {
  encodeType,
  hashDomain,
  hashStruct,
  hashTypedData,
  hashTypedDataHex,
  typeHash,
  TypedDataError,
  type TypedData,
  type TypedDataField,
} from './eip712';
import { privateKeyToAddress, recoverTypedDataAddress, signTypedData } from './sign';

// The example from EIP-712 itself (assets/eip-712/Example.js).
const mail: TypedData = {
  types: {
    EIP712Domain: [
      { name: 'name', type: 'string' },
      { name: 'version', type: 'string' },
      { name: 'chainId', type: 'uint256' },
      { name: 'verifyingContract', type: 'address' },
    ],
    Person: [
      { name: 'name', type: 'string' },
      { name: 'wallet', type: 'address' },
    ],
    Mail: [
      { name: 'from', type: 'Person' },
      { name: 'to', type: 'Person' },
      { name: 'contents', type: 'string' },
    ],
  },
  primaryType: 'Mail',
  domain: {
    name: 'Ether Mail',
    version: '1',
    chainId: 1,
    verifyingContract: '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC',
  },
  message: {
    from: { name: 'Cow', wallet: '0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826' },
    to: { name: 'Bob', wallet: '0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB' },
    contents: 'Hello, Bob!',
  },
};
const hex = (b: Uint8Array) => bytesToHex(b);

describe('EIP-712 spec example (Mail)', () => {
  it('encodes the type with referenced structs', () => {
    expect(encodeType('Mail', mail.types)).toBe('Mail(Person from,Person to,string contents)Person(string name,address wallet)');
    expect(hex(typeHash('Mail', mail.types))).toBe('0xa0cedeb2dc280ba39b857546d74f5549c3a1d7bdc2dd96bf881f76108e23dac2');
  });
  it('hashes the domain, the message and the whole', () => {
    expect(hex(hashDomain(mail.domain))).toBe('0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f');
    expect(hex(hashStruct('Mail', mail.message, mail.types))).toBe(
      '0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e',
    );
    expect(hashTypedDataHex(mail)).toBe('0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2');
  });
  it('reproduces the signature from the EIP with key keccak256("cow")', () => {
    const key = keccak_256(new TextEncoder().encode('cow'));
    expect(privateKeyToAddress(key)).toBe('0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826');
    const sig = signTypedData(mail, key);
    expect(sig).toBe(
      '0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d' +
        '07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562' +
        '1c',
    );
    expect(recoverTypedDataAddress(mail, sig)).toBe('0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826');
  });
  it('works without EIP712Domain in types and agrees with ethers', () => {
    const { EIP712Domain: _d, ...types } = mail.types;
    const td = { ...mail, types };
    expect(hashTypedDataHex(td)).toBe(TypedDataEncoder.hash(mail.domain, types as Record<string, TypedDataField[]>, mail.message));
  });
});

describe('EIP712Domain declared in types', () => {
  it('uses the declared order (as eth_signTypedData_v4 does) when it lists exactly the present fields', () => {
    const domain = { chainId: 5, name: 'X' };
    const declared = [{ name: 'chainId', type: 'uint256' }, { name: 'name', type: 'string' }];
    expect(hex(hashDomain(domain, declared))).toBe(hex(hashStruct('EIP712Domain', domain, { EIP712Domain: declared })));
    expect(hex(hashDomain(domain, declared))).not.toBe(hex(hashDomain(domain)));
    expect(hex(hashDomain(domain))).toBe(TypedDataEncoder.hashDomain(domain));
    expect(() => hashDomain(domain, [{ name: 'chainId', type: 'uint64' }, { name: 'name', type: 'string' }])).toThrow(/does not match/);
    expect(() => hashDomain(domain, [{ name: 'name', type: 'string' }])).toThrow(/does not match/);
  });
});

describe('EIP-712 validation', () => {
  const base = (over: Partial<TypedData>): TypedData => ({ ...mail, ...over });
  const err = (td: TypedData) => {
    try {
      hashTypedData(td);
    } catch (e) {
      expect(e).toBeInstanceOf(TypedDataError);
      return (e as Error).message;
    }
    throw new Error('expected a TypedDataError');
  };
  const one = (type: string, value: unknown): TypedData => ({
    types: { T: [{ name: 'x', type }] },
    primaryType: 'T',
    domain: { chainId: 1 },
    message: { x: value },
  });

  it('names unknown types and bad sizes', () => {
    expect(err(base({ types: { ...mail.types, Mail: [{ name: 'from', type: 'Persn' }] } }))).toMatch(/unknown type "Persn" in Mail.from/);
    expect(err(one('uint7', 1))).toMatch(/invalid integer type/);
    expect(err(one('uint264', 1))).toMatch(/invalid integer type/);
    expect(err(one('uint', 1))).toMatch(/must give its size/);
    expect(err(one('bytes33', '0x00'))).toMatch(/bytesN/);
    expect(err(one('uint8[0]', []))).toMatch(/invalid array length/);
  });
  it('rejects out-of-range integers with the type in the message', () => {
    expect(err(one('uint8', 256))).toMatch(/message.x: value 256 out of range for uint8/);
    expect(err(one('uint256', -1))).toMatch(/out of range for uint256/);
    expect(err(one('uint256', (1n << 256n).toString()))).toMatch(/out of range/);
    expect(err(one('int8', 128))).toMatch(/out of range for int8/);
    expect(err(one('int8', -129))).toMatch(/out of range for int8/);
    expect(err(one('uint256', 1.5))).toMatch(/not a safe integer/);
    expect(err(one('uint256', '1e18'))).toMatch(/expected an integer/);
    expect(err(one('uint256', 2 ** 60))).toMatch(/not a safe integer/);
  });
  it('rejects bad addresses, including bad checksums', () => {
    expect(err(one('address', '0x1234'))).toMatch(/not an address/);
    expect(err(one('address', '0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD827'.replace('CD2a', 'Cd2a')))).toMatch(/checksum/);
    expect(err(one('address', 12))).toMatch(/must be a string/);
  });
  it('rejects wrong shapes, missing and extra fields', () => {
    expect(err(one('bool', 1))).toMatch(/true or false/);
    expect(err(one('bytes32', '0x1234'))).toMatch(/32 bytes/);
    expect(err(one('bytes', 'abc'))).toMatch(/hex/);
    expect(err(one('string', '\ud800'))).toMatch(/lone surrogate/);
    expect(err(one('uint8[2]', [1]))).toMatch(/exactly 2 items/);
    expect(err(one('uint8[]', 'x'))).toMatch(/expected an array/);
    expect(err(base({ message: { ...mail.message, extra: 1 } }))).toMatch(/field "extra" is not part of Mail/);
    expect(err(base({ message: { from: mail.message.from, to: mail.message.to } }))).toMatch(/message.contents: missing/);
    expect(err(base({ domain: { ...mail.domain, foo: 1 } as never }))).toMatch(/unknown EIP712Domain field "foo"/);
    expect(err(base({ domain: { name: 'x' } }))).toMatch(/types.EIP712Domain does not match/);
    expect(err(base({ primaryType: 'Nope' }))).toMatch(/unknown struct type "Nope"/);
    expect(err(base({ types: { ...mail.types, Person: [{ name: 'a', type: 'string' }, { name: 'a', type: 'string' }] } }))).toMatch(/duplicate/);
  });
  it('refuses absurd nesting and sizes instead of hanging', () => {
    const types: Record<string, TypedDataField[]> = { Node: [{ name: 'next', type: 'Node[]' }] };
    let value: Record<string, unknown> = { next: [] };
    for (let i = 0; i < 40; i++) value = { next: [value] };
    expect(() => hashTypedData({ types, primaryType: 'Node', domain: {}, message: value })).toThrow(/nesting deeper/);
    const big = one('uint8[]', new Array(300_000).fill(0));
    expect(() => hashTypedData(big)).toThrow(TypedDataError);
  });
});

// ---- Property-style comparison with ethers over random structs and values. ----
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomCase(rand: () => number) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const randBytes = (n: number) => hex(Uint8Array.from({ length: n }, () => Math.floor(rand() * 256)));
  const atomics = ['address', 'bool', 'string', 'bytes', 'bytes1', 'bytes7', 'bytes32', 'uint8', 'uint64', 'uint256', 'int8', 'int128', 'int256'];
  const types: Record<string, TypedDataField[]> = {};
  let count = 0;
  const makeStruct = (depth: number): string => {
    const name = `S${count++}`;
    const fields: TypedDataField[] = [];
    types[name] = fields;
    const n = 1 + Math.floor(rand() * 4);
    for (let i = 0; i < n; i++) {
      let t = depth < 2 && rand() < 0.25 ? makeStruct(depth + 1) : pick(atomics);
      if (rand() < 0.25) t += pick(['[]', '[2]', '[1][]']);
      fields.push({ name: `f${i}`, type: t });
    }
    return name;
  };
  const valueOf = (type: string): unknown => {
    const arr = /^(.+)\[(\d*)\]$/.exec(type);
    if (arr) return Array.from({ length: arr[2] ? Number(arr[2]) : Math.floor(rand() * 3) }, () => valueOf(arr[1]));
    if (types[type]) return Object.fromEntries(types[type].map((f) => [f.name, valueOf(f.type)]));
    if (type === 'address') return randBytes(20);
    if (type === 'bool') return rand() < 0.5;
    if (type === 'string') return pick(['', 'hello', 'Grüße 🌍', 'x'.repeat(70)]);
    if (type === 'bytes') return randBytes(Math.floor(rand() * 70));
    const bn = /^bytes(\d+)$/.exec(type);
    if (bn) return randBytes(Number(bn[1]));
    const int = /^(u?)int(\d+)$/.exec(type)!;
    const bits = BigInt(int[2]);
    let v = BigInt(randBytes(32)) & ((1n << bits) - 1n);
    if (int[1] === '') v -= 1n << (bits - 1n);
    return pick([v, v.toString(), 0n]);
  };
  const primary = makeStruct(0);
  return { types, primary, message: valueOf(primary) as Record<string, unknown> };
}

describe('EIP-712 agrees with ethers.TypedDataEncoder on random typed data', () => {
  it('200 random struct trees', () => {
    const rand = rng(712);
    for (let i = 0; i < 200; i++) {
      const { types, primary, message } = randomCase(rand);
      const domain = i % 2 ? { name: `n${i}`, chainId: i + 1 } : { verifyingContract: hex(keccak_256(new Uint8Array([i]))).slice(0, 42), salt: hex(keccak_256(new Uint8Array([i, 1]))) };
      const ours = hashTypedDataHex({ types, primaryType: primary, domain, message });
      expect(ours, `case ${i}`).toBe(TypedDataEncoder.hash(domain, types, message));
      expect(encodeType(primary, types)).toBe(TypedDataEncoder.from(types).encodeType(primary));
    }
  });
});
