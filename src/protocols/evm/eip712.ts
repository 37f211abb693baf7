// EIP-712 typed structured data hashing (https://eips.ethereum.org/EIPS/eip-712).
// digest = keccak256(0x19 0x01 ‖ hashStruct(EIP712Domain, domain) ‖ hashStruct(primaryType, message))
// Typed data may come from a site, so every type and value is validated; errors name the path.

import { keccak_256 } from '@noble/hashes/sha3.js';
import { parseAddress } from './address';
import { bytesToHex, concatBytes, hexToBytes, quote, uint256Word, utf8Bytes, type Hex } from './bytes';

export interface TypedDataField {
  readonly name: string;
  readonly type: string;
}
export type TypedDataTypes = Readonly<Record<string, readonly TypedDataField[]>>;

export interface TypedDataDomain {
  name?: string;
  version?: string;
  chainId?: number | bigint | string;
  verifyingContract?: string;
  salt?: string | Uint8Array;
}

export interface TypedData {
  /** Struct definitions; `EIP712Domain` may be listed and must then match the domain's fields. */
  types: TypedDataTypes;
  primaryType: string;
  domain: TypedDataDomain;
  message: Record<string, unknown>;
}

export class TypedDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TypedDataError';
  }
}

const fail = (message: string): never => {
  throw new TypedDataError(message);
};

/** The domain fields, in the order the EIP lists them. */
const DOMAIN_FIELDS: readonly TypedDataField[] = [
  { name: 'name', type: 'string' },
  { name: 'version', type: 'string' },
  { name: 'chainId', type: 'uint256' },
  { name: 'verifyingContract', type: 'address' },
  { name: 'salt', type: 'bytes32' },
];

// Caps keep hashing hostile typed data fast (a 100,000-item array of addresses took seconds): real
// typed data (permits, orders, batches) stays far below 10,000 values.
const LIMITS = { types: 64, fields: 128, depth: 16, arrayLength: 10_000, values: 10_000 };
const IDENT_RE = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

type Atomic =
  | { kind: 'int'; signed: boolean; bits: number }
  | { kind: 'bytesN'; size: number }
  | { kind: 'address' | 'bool' | 'string' | 'bytes' };

function atomicType(type: string): Atomic | undefined {
  if (type === 'address' || type === 'bool' || type === 'string' || type === 'bytes') return { kind: type };
  let m = /^(u?)int([1-9][0-9]*)$/.exec(type);
  if (m) {
    const bits = Number(m[2]);
    if (bits % 8 !== 0 || bits > 256) fail(`invalid integer type ${quote(type)} (size must be 8..256, a multiple of 8)`);
    return { kind: 'int', signed: m[1] === '', bits };
  }
  m = /^bytes([1-9][0-9]*)$/.exec(type);
  if (m) {
    const size = Number(m[1]);
    if (size > 32) fail(`invalid type ${quote(type)} (bytesN needs 1 <= N <= 32)`);
    return { kind: 'bytesN', size };
  }
  if (type === 'uint' || type === 'int') fail(`type ${quote(type)} must give its size (e.g. ${type}256)`);
  return undefined;
}

/** Split `T[2][]` into element type `T[2]` and length (undefined = dynamic); undefined if not an array. */
function arrayType(type: string): { inner: string; length?: number } | undefined {
  const m = /^(.+)\[([0-9]*)\]$/.exec(type);
  if (!m) return undefined;
  if (m[2] === '') return { inner: m[1] };
  const length = Number(m[2]);
  if (!/^[1-9][0-9]*$/.test(m[2]) || length > LIMITS.arrayLength) fail(`invalid array length in type ${quote(type)}`);
  return { inner: m[1], length };
}

const baseType = (type: string): string => type.replace(/(\[[0-9]*\])+$/, '');

type StructMap = ReadonlyMap<string, readonly TypedDataField[]>;

/** Validate struct definitions (names, field names, every referenced type) and index them. */
export function validateTypes(types: TypedDataTypes, options: { dropDomain?: boolean } = {}): StructMap {
  if (typeof types !== 'object' || types === null || Array.isArray(types)) fail('types must be an object');
  const names = Object.keys(types);
  if (names.length > LIMITS.types) fail(`too many types (${names.length}, limit ${LIMITS.types})`);
  const map = new Map<string, readonly TypedDataField[]>();
  for (const name of names) {
    if (options.dropDomain && name === 'EIP712Domain') continue;
    if (!IDENT_RE.test(name)) fail(`invalid struct name ${quote(name)}`);
    if (atomicType(name)) fail(`struct name ${quote(name)} clashes with an atomic type`);
    const fields = types[name];
    if (!Array.isArray(fields)) fail(`types.${name} must be an array of {name, type}`);
    if (fields.length > LIMITS.fields) fail(`types.${name} has too many fields`);
    const seen = new Set<string>();
    for (const f of fields) {
      if (typeof f !== 'object' || f === null || typeof f.name !== 'string' || typeof f.type !== 'string') {
        fail(`types.${name}: every field needs a string name and type`);
      }
      if (!IDENT_RE.test(f.name)) fail(`types.${name}: invalid field name ${quote(f.name)}`);
      if (seen.has(f.name)) fail(`types.${name}: duplicate field ${quote(f.name)}`);
      seen.add(f.name);
    }
    map.set(name, fields);
  }
  for (const [name, fields] of map) {
    for (const f of fields) {
      let base = f.type;
      for (let a = arrayType(base); a; a = arrayType(base)) base = a.inner; // also checks each length
      if (!atomicType(base) && !map.has(base)) fail(`unknown type ${quote(f.type)} in ${name}.${f.name}`);
    }
  }
  return map;
}

function dependencies(primary: string, structs: StructMap, found = new Set<string>()): Set<string> {
  if (found.has(primary) || !structs.has(primary)) return found;
  found.add(primary);
  for (const f of structs.get(primary) ?? []) dependencies(baseType(f.type), structs, found);
  return found;
}

function structFields(name: string, structs: StructMap): readonly TypedDataField[] {
  const fields = structs.get(name);
  if (!fields) return fail(`unknown struct type ${quote(name)}`);
  return fields;
}

function encodeTypeWith(primary: string, structs: StructMap): string {
  structFields(primary, structs);
  const deps = [...dependencies(primary, structs)].filter((d) => d !== primary).sort();
  return [primary, ...deps]
    .map((n) => `${n}(${structFields(n, structs).map((f) => `${f.type} ${f.name}`).join(',')})`)
    .join('');
}

/** `Mail(Person from,Person to,string contents)Person(string name,address wallet)`. */
export function encodeType(primaryType: string, types: TypedDataTypes): string {
  return encodeTypeWith(primaryType, validateTypes(types));
}

export function typeHash(primaryType: string, types: TypedDataTypes): Uint8Array {
  return keccak_256(utf8Bytes(encodeType(primaryType, types)));
}

/** Accept bigint, safe-integer number, decimal or 0x-hex string. */
function toInteger(value: unknown, path: string, type: string): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return BigInt(value);
    return fail(`${path}: ${value} is not a safe integer for ${type}; pass a string or bigint`);
  }
  if (typeof value === 'string' && value.length <= 80 && /^(-?[0-9]+|0x[0-9a-fA-F]+)$/.test(value)) return BigInt(value);
  return fail(`${path}: expected an integer for ${type}, got ${quote(value)}`);
}

function toBytes(value: unknown, path: string, type: string, size?: number): Uint8Array {
  if (value instanceof Uint8Array) {
    if (size !== undefined && value.length !== size) fail(`${path}: ${type} needs ${size} bytes, got ${value.length}`);
    return value;
  }
  try {
    return hexToBytes(value, `${path} (${type})`, size);
  } catch (e) {
    return fail((e as Error).message);
  }
}

interface Ctx {
  structs: StructMap;
  budget: { values: number };
  typeHashes: Map<string, Uint8Array>;
}

const newCtx = (structs: StructMap): Ctx => ({ structs, budget: { values: LIMITS.values }, typeHashes: new Map() });

function encodeValue(type: string, value: unknown, path: string, ctx: Ctx, depth: number): Uint8Array {
  if (--ctx.budget.values < 0) fail('typed data is too large');
  if (depth > LIMITS.depth) fail(`${path}: nesting deeper than ${LIMITS.depth}`);
  const arr = arrayType(type);
  if (arr) {
    if (!Array.isArray(value)) return fail(`${path}: expected an array for ${type}, got ${quote(value)}`);
    if (arr.length !== undefined && value.length !== arr.length) {
      fail(`${path}: ${type} needs exactly ${arr.length} items, got ${value.length}`);
    }
    if (value.length > LIMITS.arrayLength) fail(`${path}: array too long`);
    const items = value.map((v, i) => encodeValue(arr.inner, v, `${path}[${i}]`, ctx, depth + 1));
    return keccak_256(concatBytes(...items));
  }
  const atomic = atomicType(type);
  if (!atomic) return keccak_256(encodeStruct(type, value, path, ctx, depth + 1));
  switch (atomic.kind) {
    case 'int': {
      const v = toInteger(value, path, type);
      const max = atomic.signed ? (1n << BigInt(atomic.bits - 1)) - 1n : (1n << BigInt(atomic.bits)) - 1n;
      const min = atomic.signed ? -(1n << BigInt(atomic.bits - 1)) : 0n;
      if (v < min || v > max) fail(`${path}: value ${v} out of range for ${type}`);
      return uint256Word(v < 0n ? (1n << 256n) + v : v);
    }
    case 'bool':
      if (typeof value !== 'boolean') fail(`${path}: expected true or false for bool, got ${quote(value)}`);
      return uint256Word(value ? 1n : 0n);
    case 'address': {
      let addr: string;
      try {
        addr = parseAddress(value, `${path}: address`);
      } catch (e) {
        return fail((e as Error).message);
      }
      return concatBytes(new Uint8Array(12), hexToBytes(addr));
    }
    case 'string':
      if (typeof value !== 'string') fail(`${path}: expected a string, got ${quote(value)}`);
      try {
        return keccak_256(utf8Bytes(value as string, path));
      } catch (e) {
        return fail((e as Error).message);
      }
    case 'bytes':
      return keccak_256(toBytes(value, path, type));
    case 'bytesN': {
      const out = new Uint8Array(32);
      out.set(toBytes(value, path, type, atomic.size));
      return out;
    }
  }
}

function encodeStruct(name: string, data: unknown, path: string, ctx: Ctx, depth: number): Uint8Array {
  const fields = structFields(name, ctx.structs);
  if (typeof data !== 'object' || data === null || Array.isArray(data) || data instanceof Uint8Array) {
    return fail(`${path}: expected an object for struct ${name}, got ${quote(data)}`);
  }
  const record = data as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!fields.some((f) => f.name === key)) fail(`${path}: field ${quote(key)} is not part of ${name}`);
  }
  let th = ctx.typeHashes.get(name);
  if (!th) ctx.typeHashes.set(name, (th = keccak_256(utf8Bytes(encodeTypeWith(name, ctx.structs)))));
  const parts = [th];
  for (const f of fields) {
    if (!hasOwn(record, f.name) || record[f.name] === undefined) fail(`${path}.${f.name}: missing (${f.type})`);
    parts.push(encodeValue(f.type, record[f.name], `${path}.${f.name}`, ctx, depth));
  }
  return concatBytes(...parts);
}

/** typeHash ‖ enc(field1) ‖ … — the input to hashStruct. */
export function encodeData(primaryType: string, data: Record<string, unknown>, types: TypedDataTypes): Uint8Array {
  return encodeStruct(primaryType, data, primaryType, newCtx(validateTypes(types)), 0);
}

export function hashStruct(primaryType: string, data: Record<string, unknown>, types: TypedDataTypes): Uint8Array {
  return keccak_256(encodeData(primaryType, data, types));
}

/** The `EIP712Domain` fields for the values present in `domain`, in canonical order. */
export function domainFields(domain: TypedDataDomain): TypedDataField[] {
  if (typeof domain !== 'object' || domain === null || Array.isArray(domain)) fail('domain must be an object');
  for (const key of Object.keys(domain)) {
    if (!DOMAIN_FIELDS.some((f) => f.name === key)) fail(`domain: unknown EIP712Domain field ${quote(key)}`);
  }
  return DOMAIN_FIELDS.filter((f) => (domain as Record<string, unknown>)[f.name] !== undefined);
}

/**
 * hashStruct(EIP712Domain, domain). If `declared` (types.EIP712Domain) is given it must list exactly
 * the fields present, with their standard types; its order is used, as eth_signTypedData_v4 does.
 */
export function hashDomain(domain: TypedDataDomain, declared?: readonly TypedDataField[]): Uint8Array {
  let fields = domainFields(domain);
  if (declared !== undefined) {
    const same =
      Array.isArray(declared) &&
      declared.length === fields.length &&
      declared.every((f) => fields.some((g) => f?.name === g.name && f?.type === g.type));
    if (!same) {
      const want = fields.map((f) => `${f.type} ${f.name}`).join(',');
      fail(`types.EIP712Domain does not match the domain's fields (expected EIP712Domain(${want}))`);
    }
    fields = declared.map((f) => ({ name: f.name, type: f.type }));
  }
  const ctx = newCtx(new Map([['EIP712Domain', fields]]));
  const present = Object.fromEntries(fields.map((f) => [f.name, (domain as Record<string, unknown>)[f.name]]));
  return keccak_256(encodeStruct('EIP712Domain', present, 'domain', ctx, 0));
}

/** The 32-byte EIP-712 digest that gets signed. */
export function hashTypedData(typedData: TypedData): Uint8Array {
  if (typeof typedData !== 'object' || typedData === null) fail('typed data must be an object');
  const { types, primaryType, domain, message } = typedData;
  if (typeof primaryType !== 'string') fail('primaryType must be a string');
  if (primaryType === 'EIP712Domain') fail('primaryType must not be EIP712Domain');
  const declared = types && hasOwn(types, 'EIP712Domain') ? types.EIP712Domain : undefined;
  const separator = hashDomain(domain, declared);
  const ctx = newCtx(validateTypes(types, { dropDomain: true }));
  const struct = keccak_256(encodeStruct(primaryType, message, 'message', ctx, 0));
  return keccak_256(concatBytes(new Uint8Array([0x19, 0x01]), separator, struct));
}

export function hashTypedDataHex(typedData: TypedData): Hex {
  return bytesToHex(hashTypedData(typedData));
}
