import { describe, expect, it } from 'vitest';
import { formatUnits as ethersFormat, getAddress } from 'ethers';
import { AddressError, isAddress, isSameAddress, parseAddress, toChecksumAddress } from './address';
import {
  chainIdFromX402Network,
  chainName,
  formatCaip2,
  getChain,
  parseCaip2,
  parseEip155,
  x402V1NetworkName,
} from './chains';
import { formatTokenAmount, formatUnits, parseUintString, parseUnits, UnitsError } from './units';

describe('formatUnits', () => {
  it.each([
    [1500000n, 6, '1.5'],
    [1000000n, 6, '1'],
    [10000n, 6, '0.01'],
    [1n, 6, '0.000001'],
    [0n, 6, '0'],
    [-1500000n, 6, '-1.5'],
    [123n, 0, '123'],
    [10n ** 18n, 18, '1'],
    [(1n << 256n) - 1n, 18, '115792089237316195423570985008687907853269984665640564039457.584007913129639935'],
  ])('%s with %i decimals = %s', (v, d, want) => {
    expect(formatUnits(v, d)).toBe(want);
  });
  it('groups thousands for display', () => {
    expect(formatUnits(1234567500000n, 6, { group: true })).toBe('1,234,567.5');
    expect(formatTokenAmount(999500000n, 6, 'USDC')).toBe('999.50 USDC');
    expect(formatTokenAmount(-1000000000n, 6, 'USDC')).toBe('-1,000.00 USDC');
  });
  it('agrees with ethers apart from the trailing ".0"', () => {
    let x = 7n;
    for (let i = 0; i < 300; i++) {
      x = (x * 6364136223846793005n + 1442695040888963407n) % (1n << 200n);
      const d = i % 40;
      expect(formatUnits(x, d)).toBe(ethersFormat(x, d).replace(/\.0$/, ''));
      expect(parseUnits(formatUnits(x, d), d)).toBe(x);
    }
  });
  it('rejects bad decimals and non-bigint values', () => {
    expect(() => formatUnits(1n, -1)).toThrow(UnitsError);
    expect(() => formatUnits(1n, 1.5)).toThrow(/decimals/);
    expect(() => formatUnits(1n, 256)).toThrow(/decimals/);
    expect(() => formatUnits(1 as never, 6)).toThrow(/bigint/);
  });
});

describe('parseUnits', () => {
  it.each([
    ['2.00', 6, 2000000n],
    ['2', 6, 2000000n],
    ['0.01', 6, 10000n],
    ['.5', 6, 500000n],
    ['5.', 6, 5000000n],
    ['1.500000000', 6, 1500000n],
    ['0', 0, 0n],
    ['007', 2, 700n],
  ])('%s with %i decimals = %s', (t, d, want) => {
    expect(parseUnits(t, d)).toBe(want);
  });
  it.each([
    ['-1', /negative/],
    ['1.0000001', /more than 6 decimal places/],
    ['1e6', /not a decimal amount/],
    ['1,000', /not a decimal amount/],
    [' 1', /not a decimal amount/],
    ['', /1 to 100/],
    ['.', /not a decimal amount/],
    ['0x10', /not a decimal amount/],
    ['NaN', /not a decimal amount/],
    ['9'.repeat(90), /too large/],
    ['1'.repeat(101), /1 to 100/],
  ])('rejects %j', (t, re) => {
    expect(() => parseUnits(t, 6)).toThrow(re);
  });
});

describe('parseUintString', () => {
  it('accepts canonical decimal strings only', () => {
    expect(parseUintString('10000')).toBe(10000n);
    expect(parseUintString('0')).toBe(0n);
    expect(parseUintString(((1n << 256n) - 1n).toString())).toBe((1n << 256n) - 1n);
    for (const bad of [10000, '010', '-1', '1.5', '1e3', ' 1', '0x10', '', null, (1n << 256n).toString()]) {
      expect(() => parseUintString(bad, { what: 'amount' })).toThrow(/amount/);
    }
    expect(() => parseUintString('256', { bits: 8 })).toThrow(/uint8/);
  });
});

describe('addresses (EIP-55)', () => {
  // Test vectors from EIP-55.
  const vectors = [
    '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
    '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
    '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
    '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
    '0x52908400098527886E0F7030069857D2E4169EE7',
    '0x8617E340B3D01FA5F11F306F4090FD50E238070D',
    '0xde709f2102306220921060314715629080e2fb77',
    '0x27b1fdb04752bbc536007a920d24acb045561c26',
  ];
  it('checksums the EIP-55 vectors and agrees with ethers', () => {
    for (const v of vectors) {
      expect(toChecksumAddress(v.toLowerCase())).toBe(v);
      expect(parseAddress(v)).toBe(v);
      expect(toChecksumAddress(v)).toBe(getAddress(v));
    }
  });
  it('accepts unchecksummed all-lower/all-upper, rejects a bad mixed-case checksum', () => {
    expect(parseAddress('0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED')).toBe(vectors[0]);
    expect(() => parseAddress('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD')).toThrow(/checksum/);
    expect(() => parseAddress('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeA')).toThrow(AddressError);
    expect(() => parseAddress('5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed')).toThrow(/not an address/);
    expect(() => parseAddress(undefined, 'payTo')).toThrow(/payTo must be a string/);
    expect(isAddress(vectors[1])).toBe(true);
    expect(isAddress('0xzz')).toBe(false);
    expect(isSameAddress(vectors[0], vectors[0].toLowerCase())).toBe(true);
    expect(isSameAddress(vectors[0], vectors[1])).toBe(false);
  });
});

describe('chains and CAIP-2', () => {
  it('knows the chains x402 uses', () => {
    expect(chainName(8453)).toBe('Base');
    expect(chainName(84532)).toBe('Base Sepolia');
    expect(chainName(31337)).toMatch(/Anvil/);
    expect(chainName(999999)).toBe('chain 999999');
    expect(getChain(1)?.testnet).toBe(false);
    expect(x402V1NetworkName(84532)).toBe('base-sepolia');
  });
  it('parses and formats eip155 ids', () => {
    expect(parseCaip2('solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp')).toEqual({ namespace: 'solana', reference: '5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp' });
    expect(parseEip155('eip155:84532')).toBe(84532);
    expect(formatCaip2(8453)).toBe('eip155:8453');
    for (const bad of ['eip155:', 'eip155:0', 'eip155:01', 'eip155:1.5', 'EIP155:1', 'eip155:99999999999999999999', 'base', 1]) {
      expect(() => parseEip155(bad)).toThrow();
    }
    expect(() => parseEip155('solana:abc')).toThrow(/not an EVM/);
    expect(() => formatCaip2(0)).toThrow();
  });
  it('maps x402 network ids by version', () => {
    expect(chainIdFromX402Network('base-sepolia', 1)).toBe(84532);
    expect(chainIdFromX402Network('base', 1)).toBe(8453);
    expect(chainIdFromX402Network('eip155:84532', 1)).toBeUndefined();
    expect(chainIdFromX402Network('eip155:84532', 2)).toBe(84532);
    expect(chainIdFromX402Network('base-sepolia', 2)).toBeUndefined();
    expect(chainIdFromX402Network('__proto__', 1)).toBeUndefined();
  });
});
