// AITP (Agent Interaction & Transaction Protocol): T01 threads, the five v1 capabilities, builders and views.
//
// Where the published schemas, aitp.md and the NEAR AI Hub disagree, both are read (see shared/specs/aitp.md):
// - $schema URLs: aitp.dev/capabilities/<id>/vX.Y.Z/schema.json and the Hub's aitp.dev/v1/{payments,decisions,data}
//   (and <host>/api/v1/aitp/<cap>/schema.json); unknown URLs are read by message-type key with a warning.
// - metadata.actors: an array (spec) or JSON text (Hub); capabilities: [{schema}] (thread model) or [url] (T01, Hub).
// - message content: string[] (spec), a string, or OpenAI parts {type:'text', text:{value}}; also {type:'json'}.
// - payments `quote`: AITP-01 shape, or the plan shape ({type:'Quote', payment_plans}) the Hub and AITP-02 use;
//   Hub-only payment_authorization / payment_result are read too. Plan amounts are JSON numbers → decimal text.
// - data-request field options: string[] (schema) or {label, value}[] (Hub).
// - AITP-04 / AITP-05 share five message-type names; the $schema decides, else the body's shape.
// Stricter than the schemas (Emissary acts on these): form needs fields or json_url; NEAR actions ≥ 1, gas ≤
// 300 Tgas, yoctoNEAR as u128 strings, nonce = 32 bytes; EIP-55 checksums; typed data must hash as EIP-712.
export * from './capabilities';
export * from './types';
export { AITP_LIMITS, isDateTime, isHttpUrl, numberToDecimal } from './read';
export { looksLikeAitp, parseAitpMessage } from './message';
export { DECIMAL_AMOUNT_RE } from './payments';
export { NEAR_ACCOUNT_RE, describeNearTransaction, formatGas, formatNear } from './near-wallet';
export * from './thread';
export * from './stream';
export * from './build';
export * from './data-answer';
export * from './form';
export * from './decision-view';
export * from './signatures';
export * from './wallet-signing';
export * from './advertise';
