// AITP-04 NEAR Wallet: account, transaction and NEP-413 message-signing requests and their responses.

import { childPath, isObject, type JsonObject, type JsonValue } from '../agents-json/json';
import { formatUnits } from '../evm/units';
import { AITP_LIMITS, nested, objectReader, type BodyReader, type Reader } from './read';
import type {
  NearAccountResponse, NearAction, NearActionType, NearMessageSigningResponse, NearRequestAccount,
  NearRequestMessageSigning, NearRequestTransaction, NearTokenNotification, NearTransactionResponse,
} from './types';

/** NEAR account ids: 2–64 chars of lower-case parts joined by `.`, each part `[a-z0-9]` runs split by `-`/`_`. */
export const NEAR_ACCOUNT_RE = /^(?=.{2,64}$)(([a-z\d]+[-_])*[a-z\d]+\.)*([a-z\d]+[-_])*[a-z\d]+$/;
const ACCOUNT = { required: true, max: 64, pattern: NEAR_ACCOUNT_RE, patternText: 'a NEAR account id such as "shop.near"' };
/** Base64 of exactly 32 bytes (NEP-413 nonce). */
const NONCE_RE = /^[A-Za-z0-9+/]{43}=?$/;
const UINT_RE = /^(0|[1-9]\d{0,38})$/;
export const MAX_GAS = 300_000_000_000_000n;
export const DEFAULT_FUNCTION_CALL_GAS = '30000000000000';
const ACTION_TYPES: readonly NearActionType[] = ['CreateAccount', 'DeployContract', 'FunctionCall', 'Transfer', 'Stake',
  'AddKey', 'DeleteKey', 'DeleteAccount'];

function yocto(r: Reader, o: JsonObject, key: string, at: string, required: boolean): string | undefined {
  const v = r.str(o, key, at, { required, max: 40, pattern: UINT_RE, patternText: 'a whole number of yoctoNEAR as a decimal string' });
  if (v !== undefined && BigInt(v) >= 1n << 128n) return void r.error(childPath(at, key), 'is larger than a u128');
  return v;
}

function readFunctionCall(r: Reader, params: JsonObject, at: string): NearAction | undefined {
  const before = r.problems.length;
  const method_name = r.str(params, 'method_name', at, { required: true, max: 256, nonEmpty: true });
  let args: string | JsonObject | undefined;
  if (isObject(params.args)) args = params.args;
  else args = r.str(params, 'args', at, { max: AITP_LIMITS.longText * 4, pattern: /^[A-Za-z0-9+/]*={0,2}$/, patternText: 'base64 (or a JSON object)' }) ?? '';
  let gas = r.str(params, 'gas', at, { max: 20, pattern: UINT_RE, patternText: 'a whole number of gas units as a decimal string' });
  if (gas === undefined && params.gas === undefined) {
    gas = DEFAULT_FUNCTION_CALL_GAS;
    r.warn(childPath(at, 'gas'), `is missing; ${DEFAULT_FUNCTION_CALL_GAS} (30 Tgas) is assumed`);
  }
  if (gas !== undefined && BigInt(gas) > MAX_GAS) r.error(childPath(at, 'gas'), 'is more than the 300 Tgas a transaction may use');
  const deposit = params.deposit === undefined ? '0' : yocto(r, params, 'deposit', at, true);
  if (r.problems.slice(before).some((p) => p.severity === 'error')) return undefined;
  return { type: 'FunctionCall', params: { method_name: method_name!, args: args!, gas: gas!, deposit: deposit! } };
}

function readAction(r: Reader, v: JsonValue, at: string): NearAction | undefined {
  const o = r.object(v, at);
  if (!o) return undefined;
  const type = r.oneOf(o, 'type', at, ACTION_TYPES, true);
  const params = r.obj(o, 'params', at, true);
  if (!type || !params) return undefined;
  const pAt = childPath(at, 'params');
  if (type === 'FunctionCall') return readFunctionCall(r, params, pAt);
  if (type === 'Transfer') {
    const deposit = yocto(r, params, 'deposit', pAt, true);
    return deposit === undefined ? undefined : { type, params: { deposit } };
  }
  return { type, params };
}

const readTransaction = objectReader<NearRequestTransaction['transaction']>((r, o, at) => ({
  receiver_id: r.str(o, 'receiver_id', at, ACCOUNT),
  // The schema allows an empty list; a transaction with no actions is never something to sign.
  actions: r.list(o, 'actions', at, (x, p) => readAction(r, x, p), { required: true, minItems: 1, max: 100 }),
}));

const readNep413 = objectReader<NearRequestMessageSigning['message']>((r, o, at) => ({
  nonce: r.str(o, 'nonce', at, { required: true, max: 44, pattern: NONCE_RE, patternText: 'base64 of exactly 32 bytes' }),
  recipient: r.str(o, 'recipient', at, { required: true, max: 256, nonEmpty: true }),
  message: r.str(o, 'message', at, { required: true, max: AITP_LIMITS.longText }),
}));

export const NEAR_READERS: Record<string, BodyReader<unknown>> = {
  request_account: objectReader<NearRequestAccount>((r, o, at) => ({
    request_id: r.id(o, 'request_id', at),
    description: r.str(o, 'description', at, { max: AITP_LIMITS.longText }),
  })),
  account_response: objectReader<NearAccountResponse>((r, o, at) => ({
    request_id: r.id(o, 'request_id', at),
    accounts: r.strings(o, 'accounts', at, { ...ACCOUNT, required: true }),
  })),
  request_transaction: objectReader<NearRequestTransaction>((r, o, at) => ({
    request_id: r.id(o, 'request_id', at),
    description: r.str(o, 'description', at, { max: AITP_LIMITS.longText }),
    transaction: nested(r, o, 'transaction', at, readTransaction, true),
  })),
  transaction_response: objectReader<NearTransactionResponse>((r, o, at) => ({
    request_id: r.id(o, 'request_id', at),
    transaction_hash: r.id(o, 'transaction_hash', at),
  })),
  request_message_signing: objectReader<NearRequestMessageSigning>((r, o, at) => ({
    request_id: r.id(o, 'request_id', at),
    description: r.str(o, 'description', at, { max: AITP_LIMITS.longText }),
    message: nested(r, o, 'message', at, readNep413, true),
    state: r.str(o, 'state', at, { max: AITP_LIMITS.longText }),
  })),
  message_signing_response: objectReader<NearMessageSigningResponse>((r, o, at) => ({
    request_id: r.id(o, 'request_id', at),
    account_id: r.str(o, 'account_id', at, ACCOUNT),
    public_key: r.str(o, 'public_key', at, { required: true, max: 200, pattern: /^ed25519:[1-9A-HJ-NP-Za-km-z]+$/, patternText: '"ed25519:" + base58' }),
    signature: r.str(o, 'signature', at, { required: true, max: 400, nonEmpty: true }),
  })),
  token_notification: objectReader<NearTokenNotification>((r, o, at) => ({
    notification_id: r.id(o, 'notification_id', at),
    token_type: r.oneOf(o, 'token_type', at, ['nep141'] as const, true),
    token_contract: r.str(o, 'token_contract', at, ACCOUNT),
  })),
};

/** Text for an amount of yoctoNEAR: `1 NEAR`, `0.000001 NEAR`. */
export function formatNear(yoctoNear: string): string {
  return `${formatUnits(BigInt(yoctoNear), 24, { group: true })} NEAR`;
}

/** Text for an amount of gas: `30 Tgas`. */
export function formatGas(gas: string): string {
  return `${formatUnits(BigInt(gas), 12, { group: true })} Tgas`;
}

/** Each action in words, e.g. `call nft_mint on contract.near with 1 NEAR attached, 30 Tgas`. */
export function describeNearTransaction(tx: NearRequestTransaction['transaction']): string[] {
  return tx.actions.map((a) => {
    if (a.type === 'FunctionCall') {
      const attached = a.params.deposit === '0' ? 'nothing attached' : `${formatNear(a.params.deposit)} attached`;
      return `call ${a.params.method_name} on ${tx.receiver_id} with ${attached}, ${formatGas(a.params.gas)}`;
    }
    if (a.type === 'Transfer') return `send ${formatNear(a.params.deposit)} to ${tx.receiver_id}`;
    return `${a.type} on ${tx.receiver_id} (parameters shown as data)`;
  });
}
