// AITP-05 EVM Wallet: address, transaction and message-signing (personal_sign, EIP-712) requests, their
// responses, and chain / token notifications.

import { childPath, type JsonObject } from '../agents-json/json';
import { isAddress } from '../evm/address';
import { hashTypedData, type TypedData } from '../evm/eip712';
import { AITP_LIMITS, nested, objectReader, type BodyReader, type Reader, type StrOptions } from './read';
import type {
  Eip712TypedData, EvmAddressResponse, EvmChainNotification, EvmMessageSigningResponse, EvmRequestAddress,
  EvmRequestMessageSigning, EvmRequestTransaction, EvmTokenNotification, EvmTransaction, EvmTransactionResponse, HexString,
} from './types';

const ADDRESS_RE = /^0x[a-fA-F0-9]{40}$/;
const QUANTITY: StrOptions = { max: 66, pattern: /^0x[a-fA-F0-9]+$/, patternText: 'a 0x-hex quantity such as "0x5208"' };
const DATA: StrOptions = { max: AITP_LIMITS.hex, pattern: /^0x([a-fA-F0-9]{2})*$/, patternText: '0x + an even number of hex digits' };

/** A 0x address; mixed case must carry a correct EIP-55 checksum (a wrong one is probably a typo). */
function address(r: Reader, o: JsonObject, key: string, at: string, required = false): HexString | undefined {
  const v = r.str(o, key, at, { required, max: 42, pattern: ADDRESS_RE, patternText: '0x + 40 hex digits' });
  if (v !== undefined && !isAddress(v)) return void r.error(childPath(at, key), `has a bad EIP-55 checksum: ${v}`);
  return v as HexString | undefined;
}

function chainId(r: Reader, o: JsonObject, at: string, required = false): number | undefined {
  return r.num(o, 'chain_id', at, { required, integer: true, min: 1 });
}

const quantity = (r: Reader, o: JsonObject, key: string, at: string) => r.str(o, key, at, QUANTITY) as HexString | undefined;

const readAccessItem = objectReader<NonNullable<EvmTransaction['accessList']>[number]>((r, o, at) => ({
  address: address(r, o, 'address', at, true),
  storageKeys: r.strings(o, 'storageKeys', at, { required: true, max: 66, pattern: /^0x[a-fA-F0-9]{64}$/, patternText: '0x + 64 hex digits' }),
}));

const readTransaction = objectReader<EvmTransaction>((r, o, at) => ({
  to: address(r, o, 'to', at, true),
  from: address(r, o, 'from', at),
  data: r.str(o, 'data', at, DATA),
  value: quantity(r, o, 'value', at),
  gas: quantity(r, o, 'gas', at),
  gasPrice: quantity(r, o, 'gasPrice', at),
  maxFeePerGas: quantity(r, o, 'maxFeePerGas', at),
  maxPriorityFeePerGas: quantity(r, o, 'maxPriorityFeePerGas', at),
  nonce: quantity(r, o, 'nonce', at),
  accessList: r.list(o, 'accessList', at, (x, p) => readAccessItem(r, x, p)),
}));

const TYPE_NAME_RE = /^[A-Za-z_$][A-Za-z0-9_$]*(\[\d*\])*$/;

/** EIP-712 typed data: the schema's shape, then the whole thing hashed once so nothing unsignable gets through. */
const readTypedData = objectReader<Eip712TypedData>((r, o, at) => {
  const typesObj = r.obj(o, 'types', at, true);
  const types: Eip712TypedData['types'] = {};
  if (typesObj) {
    for (const [name, fields] of Object.entries(typesObj)) {
      const list = r.list(typesObj, name, childPath(at, 'types'), (f, p) => {
        const fo = r.object(f, p);
        if (!fo) return undefined;
        const n = r.str(fo, 'name', p, { required: true, max: 100 });
        const t = r.str(fo, 'type', p, { required: true, max: 100, pattern: TYPE_NAME_RE, patternText: 'a Solidity type name' });
        return n !== undefined && t !== undefined ? { name: n, type: t } : undefined;
      }, { required: true, max: 100 });
      if (list && fields !== undefined) types[name] = list;
    }
  }
  const primaryType = r.str(o, 'primaryType', at, { required: true, max: 100, nonEmpty: true });
  const domain = r.obj(o, 'domain', at, true);
  const message = r.obj(o, 'message', at, true);
  if (typesObj && primaryType !== undefined && !Object.prototype.hasOwnProperty.call(types, primaryType)) {
    r.error(childPath(at, 'primaryType'), `names '${primaryType.slice(0, 60)}', which is not defined in types`);
  } else if (!r.failed && domain && message && primaryType !== undefined) {
    try {
      hashTypedData({ types, primaryType, domain, message } as TypedData);
    } catch (e) {
      r.error(at, `cannot be signed as EIP-712: ${(e instanceof Error ? e.message : String(e)).slice(0, 200)}`);
    }
  }
  return { types, primaryType, domain, message };
});

const readMessageSigning: BodyReader<EvmRequestMessageSigning> = objectReader<EvmRequestMessageSigning>((r, o, at) => {
  const signing_type = r.oneOf(o, 'signing_type', at, ['personal_sign', 'typed_data'] as const, true);
  const common = {
    request_id: r.id(o, 'request_id', at),
    description: r.str(o, 'description', at, { max: AITP_LIMITS.longText }),
    address: address(r, o, 'address', at),
    signing_type,
  };
  if (signing_type === 'personal_sign') {
    if (o.typed_data !== undefined) r.warn(childPath(at, 'typed_data'), 'is ignored: signing_type is personal_sign');
    return { ...common, message: r.str(o, 'message', at, { required: true, max: AITP_LIMITS.longText }) };
  }
  if (signing_type === 'typed_data') {
    if (o.message !== undefined) r.warn(childPath(at, 'message'), 'is ignored: signing_type is typed_data');
    return { ...common, typed_data: nested(r, o, 'typed_data', at, readTypedData, true) };
  }
  return common;
});

export const EVM_READERS: Record<string, BodyReader<unknown>> = {
  request_address: objectReader<EvmRequestAddress>((r, o, at) => ({
    request_id: r.id(o, 'request_id', at),
    description: r.str(o, 'description', at, { max: AITP_LIMITS.longText }),
    chain_id: chainId(r, o, at),
  })),
  address_response: objectReader<EvmAddressResponse>((r, o, at) => ({
    request_id: r.id(o, 'request_id', at),
    addresses: r.strings(o, 'addresses', at, { required: true, max: 42, pattern: ADDRESS_RE, patternText: '0x + 40 hex digits' }),
  })),
  request_transaction: objectReader<EvmRequestTransaction>((r, o, at) => ({
    request_id: r.id(o, 'request_id', at),
    description: r.str(o, 'description', at, { max: AITP_LIMITS.longText }),
    chain_id: chainId(r, o, at),
    transaction: nested(r, o, 'transaction', at, readTransaction, true),
  })),
  transaction_response: objectReader<EvmTransactionResponse>((r, o, at) => ({
    request_id: r.id(o, 'request_id', at),
    transaction_hash: r.str(o, 'transaction_hash', at, { required: true, max: 66, pattern: /^0x[a-fA-F0-9]{64}$/, patternText: '0x + 64 hex digits' }),
  })),
  request_message_signing: readMessageSigning,
  message_signing_response: objectReader<EvmMessageSigningResponse>((r, o, at) => ({
    request_id: r.id(o, 'request_id', at),
    address: address(r, o, 'address', at, true),
    signature: r.str(o, 'signature', at, { ...DATA, required: true, max: 1_000 }),
  })),
  chain_notification: objectReader<EvmChainNotification>((r, o, at) => ({
    notification_id: r.id(o, 'notification_id', at),
    chain_id: chainId(r, o, at, true),
    name: r.str(o, 'name', at, { max: 100 }),
    rpc_url: r.url(o, 'rpc_url', at),
    native_currency: nested(r, o, 'native_currency', at, objectReader((r2, c, p) => ({
      name: r2.str(c, 'name', p, { required: true, max: 100 }),
      symbol: r2.str(c, 'symbol', p, { required: true, max: 20 }),
      decimals: r2.num(c, 'decimals', p, { required: true, integer: true, min: 0, max: 255 }),
    }))),
  })),
  token_notification: objectReader<EvmTokenNotification>((r, o, at) => ({
    notification_id: r.id(o, 'notification_id', at),
    chain_id: chainId(r, o, at, true),
    token_type: r.oneOf(o, 'token_type', at, ['erc20'] as const, true),
    token_contract: address(r, o, 'token_contract', at, true),
    name: r.str(o, 'name', at, { required: true, max: 100 }),
    symbol: r.str(o, 'symbol', at, { required: true, max: 20 }),
    decimals: r.num(o, 'decimals', at, { required: true, integer: true, min: 0, max: 255 }),
    icon_url: r.url(o, 'icon_url', at),
  })),
};
