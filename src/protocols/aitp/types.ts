// Typed AITP capability messages, as the v1.0.0 schemas name them (snake_case kept). Where a wire value
// is normalised, the comment says so. Unknown fields are dropped: receivers MUST ignore them.

import type { JsonObject, Problem } from '../agents-json/json';
import type { CapabilityId, SchemaUrlInfo } from './capabilities';

// ---- AITP-01 Payments -------------------------------------------------------------------------

export type AffiliateRole = 'personal_assistant' | 'discovery' | 'service' | 'other';
export interface Affiliate { id: string; role: AffiliateRole; weight?: number }
export interface RevenueShare { affiliate_share_bps: number; affiliates?: Affiliate[] }
/**
 * `near_payment_channel` is the only method of the published schema. `x402` is Emissary's extension (AITP-01
 * leaves chain and token identifiers open): pay `url` over x402 (EIP-3009 on an EVM chain); `token` names the
 * asset as `eip155:<chainId>/erc20:<address>`, `recipient` the payee address.
 */
export type PaymentMethod =
  | { type: 'near_payment_channel'; token: string; recipient: string }
  | { type: 'x402'; token: string; recipient: string; url: string };
export type PaymentMethodType = PaymentMethod['type'];
export interface PaymentOption {
  /** Decimal text `^\d+(\.\d+)?$`; optional in the schema (a quote may name no amount). */
  amount?: string;
  currency: string;
  payment_methods: PaymentMethod[];
}
/** The AITP-01 quote. `type` is absent on the wire; it is declared `never` so `type === 'Quote'` narrows to PlanQuote. */
export interface PaymentQuote {
  type?: never;
  quote_id: string;
  merchant_id: string;
  description: string;
  expiration?: string;
  next_recipient?: string;
  payment_options: PaymentOption[];
  revenue_share?: RevenueShare;
  merchant_signature: string;
}
export interface Wrapper {
  affiliate_id: string;
  role: AffiliateRole;
  added_affiliates?: Affiliate[];
  next_recipient: string;
  timestamp: string;
  signature: string;
}
export interface WrappedQuote { original_quote: PaymentQuote; wrappers: Wrapper[] }
export interface PaymentMethodUsed {
  /** For `x402`, `channel_id` is the settlement transaction hash. */
  type: PaymentMethodType;
  token: string;
  channel_id: string;
  amount?: string;
  currency: string;
}
export interface Payment {
  quote_id: string;
  payment_method: PaymentMethodUsed;
  payer_id: string;
  timestamp: string;
  payer_signature: string;
}
export interface PaymentDetail { label: string; value: string | number; url?: string }
export interface PaymentConfirmation {
  quote_id: string;
  payment_id: string;
  result: 'success' | 'failure' | 'pending';
  timestamp: string;
  message?: string;
  details?: PaymentDetail[];
  merchant_signature: string;
}
export interface TopUpRequest {
  channel_id: string;
  amount?: string;
  currency: string;
  reason?: string;
  merchant_id: string;
  timestamp: string;
  merchant_signature: string;
}
export interface TopUpResponse {
  channel_id: string;
  amount: string;
  currency: string;
  new_balance?: string;
  payer_id: string;
  timestamp: string;
  payer_signature: string;
}

// ---- Quote with payment plans: AITP-02's embedded quote, and the NEAR AI Hub's payments `quote` ----

export interface PaymentPlan {
  plan_id: string;
  plan_type: 'one-time';
  /** Normalised: the wire carries a JSON number; here it is plain decimal text (see numberToDecimal). */
  amount: string;
  currency: 'USD';
}
export interface PlanQuote {
  type: 'Quote';
  quote_id: string;
  payee_id: string;
  payment_plans: PaymentPlan[];
  valid_until: string;
}
/** NEAR AI Hub only. `amount` normalised to decimal text. */
export interface PaymentAuthorization {
  quote_id: string;
  result: 'success' | 'failure';
  message?: string;
  timestamp: string;
  details: { network: 'NEAR'; token_type: 'USDC'; amount: string; account_id: string; transaction_id: string }[];
}
/** NEAR AI Hub only: the Hub's counterpart of payment_confirmation (no signature). */
export interface PaymentResult {
  quote_id: string;
  result: 'success' | 'failure';
  timestamp: string;
  message?: string;
  details: PaymentDetail[];
}

// ---- AITP-02 Decisions ------------------------------------------------------------------------

export type DecisionType = 'products' | 'checkbox' | 'radio' | 'confirmation';
export interface DecisionOptionVariant {
  id: string;
  name?: string;
  short_variant_name?: string;
  image_url?: string;
  description?: string;
  quote?: PlanQuote;
  reviews_count?: number;
  five_star_rating?: number;
  url?: string;
}
export interface DecisionOption extends DecisionOptionVariant { variants?: DecisionOptionVariant[] }
export interface RequestDecision {
  id: string;
  title?: string;
  description?: string;
  /** Normalised: the schema default `radio` is filled in when absent. */
  type: DecisionType;
  options: DecisionOption[];
}
export interface SelectedOption { id: string; name?: string; quantity?: number }
export interface Decision { request_decision_id?: string; options: SelectedOption[] }

// ---- AITP-03 Data Request ---------------------------------------------------------------------

export type DataFieldType = 'text' | 'number' | 'email' | 'textarea' | 'select' | 'combobox' | 'tel';
/** Normalised: the schema has `string[]`; the Hub also sends `{label, value}` objects. Strings become both. */
export interface DataFieldOption { label: string; value: string }
export interface DataField {
  id: string;
  label?: string;
  description?: string;
  default_value?: string;
  /** Normalised: the schema default `text` is filled in when absent. */
  type: DataFieldType;
  options?: DataFieldOption[];
  /** Normalised: default false. */
  required: boolean;
  autocomplete?: string;
}
export interface DataForm { fields?: DataField[]; json_url?: string }
export interface RequestData {
  id: string;
  title?: string;
  description: string;
  fillButtonLabel?: string;
  form: DataForm;
}
export interface DataAnswerField { id: string; label?: string; value?: string }
export interface DataAnswer { request_data_id?: string; fields: DataAnswerField[] }

// ---- AITP-04 NEAR Wallet ----------------------------------------------------------------------

export type NearActionType = 'CreateAccount' | 'DeployContract' | 'FunctionCall' | 'Transfer' | 'Stake' | 'AddKey'
  | 'DeleteKey' | 'DeleteAccount';
/** `params` is untyped in the schema; FunctionCall and Transfer params are checked (Emissary acts on them). */
export type NearAction =
  | { type: 'FunctionCall'; params: { method_name: string; args: string | JsonObject; gas: string; deposit: string } }
  | { type: 'Transfer'; params: { deposit: string } }
  | { type: Exclude<NearActionType, 'FunctionCall' | 'Transfer'>; params: JsonObject };
export interface NearRequestAccount { request_id: string; description?: string }
export interface NearAccountResponse { request_id: string; accounts: string[] }
export interface NearRequestTransaction {
  request_id: string;
  description?: string;
  transaction: { receiver_id: string; actions: NearAction[] };
}
export interface NearTransactionResponse { request_id: string; transaction_hash: string }
export interface NearRequestMessageSigning {
  request_id: string;
  description?: string;
  /** NEP-413 payload; `nonce` is base64 of exactly 32 bytes. */
  message: { nonce: string; recipient: string; message: string };
  state?: string;
}
export interface NearMessageSigningResponse { request_id: string; account_id: string; public_key: string; signature: string }
export interface NearTokenNotification { notification_id: string; token_type: 'nep141'; token_contract: string }

// ---- AITP-05 EVM Wallet -----------------------------------------------------------------------

export type HexString = `0x${string}`;
export interface EvmRequestAddress { request_id: string; description?: string; chain_id?: number }
export interface EvmAddressResponse { request_id: string; addresses: HexString[] }
export interface EvmTransaction {
  to: HexString;
  from?: HexString;
  data?: HexString;
  value?: HexString;
  gas?: HexString;
  gasPrice?: HexString;
  maxFeePerGas?: HexString;
  maxPriorityFeePerGas?: HexString;
  nonce?: HexString;
  accessList?: { address: HexString; storageKeys: HexString[] }[];
}
export interface EvmRequestTransaction { request_id: string; description?: string; chain_id?: number; transaction: EvmTransaction }
export interface EvmTransactionResponse { request_id: string; transaction_hash: HexString }
export interface Eip712TypedData {
  types: Record<string, { name: string; type: string }[]>;
  primaryType: string;
  domain: JsonObject;
  message: JsonObject;
}
export type EvmRequestMessageSigning =
  | { request_id: string; description?: string; address?: HexString; signing_type: 'personal_sign'; message: string }
  | { request_id: string; description?: string; address?: HexString; signing_type: 'typed_data'; typed_data: Eip712TypedData };
export interface EvmMessageSigningResponse { request_id: string; address: HexString; signature: HexString }
export interface EvmChainNotification {
  notification_id: string;
  chain_id: number;
  name?: string;
  rpc_url?: string;
  native_currency?: { name: string; symbol: string; decimals: number };
}
export interface EvmTokenNotification {
  notification_id: string;
  chain_id: number;
  token_type: 'erc20';
  token_contract: HexString;
  name: string;
  symbol: string;
  decimals: number;
  icon_url?: string;
}

// ---- The union --------------------------------------------------------------------------------

interface Msg<C extends CapabilityId, T extends string, B> {
  /** `capability.type`, one discriminant for switch statements. */
  kind: `${C}.${T}`;
  capability: C;
  type: T;
  /** The `$schema` URL as sent. */
  schema: string;
  /** What the URL says (null: unrecognised URL, identified by the message-type key). */
  schemaInfo: SchemaUrlInfo | null;
  body: B;
}

export type AitpMessage =
  | Msg<'payments', 'quote', PaymentQuote | PlanQuote>
  | Msg<'payments', 'wrapped_quote', WrappedQuote>
  | Msg<'payments', 'payment', Payment>
  | Msg<'payments', 'payment_confirmation', PaymentConfirmation>
  | Msg<'payments', 'top_up_request', TopUpRequest>
  | Msg<'payments', 'top_up_response', TopUpResponse>
  | Msg<'payments', 'payment_authorization', PaymentAuthorization>
  | Msg<'payments', 'payment_result', PaymentResult>
  | Msg<'decisions', 'request_decision', RequestDecision>
  | Msg<'decisions', 'decision', Decision>
  | Msg<'data', 'request_data', RequestData>
  | Msg<'data', 'data', DataAnswer>
  | Msg<'near', 'request_account', NearRequestAccount>
  | Msg<'near', 'account_response', NearAccountResponse>
  | Msg<'near', 'request_transaction', NearRequestTransaction>
  | Msg<'near', 'transaction_response', NearTransactionResponse>
  | Msg<'near', 'request_message_signing', NearRequestMessageSigning>
  | Msg<'near', 'message_signing_response', NearMessageSigningResponse>
  | Msg<'near', 'token_notification', NearTokenNotification>
  | Msg<'evm', 'request_address', EvmRequestAddress>
  | Msg<'evm', 'address_response', EvmAddressResponse>
  | Msg<'evm', 'request_transaction', EvmRequestTransaction>
  | Msg<'evm', 'transaction_response', EvmTransactionResponse>
  | Msg<'evm', 'request_message_signing', EvmRequestMessageSigning>
  | Msg<'evm', 'message_signing_response', EvmMessageSigningResponse>
  | Msg<'evm', 'chain_notification', EvmChainNotification>
  | Msg<'evm', 'token_notification', EvmTokenNotification>;

export type AitpKind = AitpMessage['kind'];
/** The message of one kind: `MessageOf<'decisions.request_decision'>`. */
export type MessageOf<K extends AitpKind> = Extract<AitpMessage, { kind: K }>;

/** Result of parsing: warnings may accompany success; failure carries at least one error. */
export type AitpResult<T> = { ok: true; value: T; problems: Problem[] } | { ok: false; problems: Problem[] };
export type ParseMessageResult = { ok: true; message: AitpMessage; problems: Problem[] } | { ok: false; problems: Problem[] };
