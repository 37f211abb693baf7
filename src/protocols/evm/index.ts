// EVM primitives: EIP-55 addresses, EIP-712 hashing, secp256k1 signing, EIP-3009, units, chains.
export * from './address';
export { bytesToHex, hexToBytes, isHex, MAX_UINT256, type Hex } from './bytes';
export * from './chains';
export * from './eip712';
export * from './eip3009';
export * from './sign';
export * from './units';
