// MCP client protocol layer (pure): JSON-RPC, Streamable HTTP with SSE, dual-era detection,
// tool/resource/prompt reading, elicitation, x402 payment detection, schema forms, OAuth helpers.
export { McpClient } from './client';
export type { CallOptions, ListChange, ListenEnd, ListenFilter, ListenOptions, McpClientOptions, Progress, ToolCallOptions, ToolCallOutcome } from './client';
export { collectPages } from './pages';
export type { Page } from './pages';
export { McpError } from './errors';
export type { McpErrorKind } from './errors';
export { clientCapabilities, discoverVerdict, LEGACY_VERSIONS, META, MODERN_VERSION, modernMeta, probeFailureVerdict } from './era';
export type { ClientInfo, Era, ProbeVerdict, ServerDescription, ServerInfo } from './era';
export { IdSource, MODERN_ERROR_CODES, parseMessages, parseMessageValue, RPC_ERRORS } from './jsonrpc';
export type { JsonRpcError, JsonRpcErrorObject, JsonRpcMessage, JsonRpcNotification, JsonRpcRequest, JsonRpcResult, RequestId } from './jsonrpc';
export { DEFAULT_SSE_LIMITS, readSseStream, SseParser, SseTooLargeError } from './sse';
export type { SseEvent, SseLimits } from './sse';
export { ACCEPT, DEFAULT_TRANSPORT_LIMITS, StreamableHttpTransport } from './transport';
export type { FetchInit, FetchLike, TransportLimits } from './transport';
export { collectParamHeaders, encodeHeaderValue, paramHeaderValues, standardHeaders } from './headers';
export type { ParamHeader } from './headers';
export { contentItem, displayText, promptView, readPromptEntry, readResourceEntry, readResourceTemplateEntry, readToolEntry, resourceContentsView, RESULT_LIMITS, SAFE_IMAGE_TYPES, toolResultView } from './results';
export type { DisplayItem, McpPrompt, McpPromptArgument, McpResource, McpResourceTemplate, McpTool, PromptView, ToolAnnotations, ToolResultView } from './results';
export { elicitResult, readElicitation } from './elicitation';
export type { ElicitationAction, ElicitationHandler, ElicitationRequest, ElicitationResponse } from './elicitation';
export { paymentRequiredFromHttp, paymentRequiredFromResult, paymentRequiredFromRpcError } from './payment';
export type { McpPaymentRequired } from './payment';
export { expandUriTemplate, parseUriTemplate } from './uri-template';
export type { UriTemplateExpansion, UriTemplateParse } from './uri-template';
export { formDefaults, inputSchemaForm, SCHEMA_FORM_LIMITS } from './schema-form';
export type { FormField, FormNode, FormOption, SchemaForm } from './schema-form';
export {
  authorizationServerMetadataUrls, canonicalResourceUri, isSecureUrl, parseAuthorizationServerMetadata,
  parseProtectedResourceMetadata, parseWwwAuthenticate, protectedResourceMetadataUrls, selectScope,
} from './oauth-metadata';
export type { AuthChallenge, AuthorizationServerMetadata, MetadataParse, ProtectedResourceMetadata } from './oauth-metadata';
export {
  base64Url, buildAuthorizationUrl, buildRefreshRequest, buildRegistrationRequest, buildTokenRequest, createPkcePair,
  parseAuthorizationResponse, parseRegistrationResponse, parseTokenResponse, pkceChallenge, randomState,
} from './oauth';
export type { AuthorizationRequest, AuthorizationResponse, FormPost, PkcePair, RegistrationResponse, TokenResponse, TokenSet } from './oauth';
