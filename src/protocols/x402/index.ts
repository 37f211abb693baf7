// x402 (coinbase/x402) v1 and v2 over HTTP, `exact` scheme on EVM with EIP-3009.
export * from './types';
export { decodeBase64Json, encodeBase64Json, getHeader } from './codec';
export { parsePaymentRequired, parsePaymentRequiredObject, selectRequirement, type PaymentSupport } from './requirements';
export {
  buildExactEvmPayment,
  buildExactEvmTypedData,
  parsePaymentPayload,
  PaymentBuildError,
  VALID_AFTER_BACKDATE_SECONDS,
  type AuthorizationTypedData,
  type BuiltPayment,
  type ParsedPaymentPayload,
  type SignTypedDataFn,
} from './payment';
export { findSettlementHeader, parseSettlementResponse } from './settlement';
