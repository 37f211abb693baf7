// ANP (Agent Network Protocol): discovery pages, agent descriptions (ad.json, both shapes), OpenRPC
// interfaces, and did:wba DID documents with their e1 binding.
export { parseAnpAgentDescriptions, readAnpAgentDescriptions, isCollectionPageType } from './descriptions';
export type { AnpDescriptionsPage, AnpDescriptionsParse, AnpListedAgent } from './descriptions';
export { parseAnpAgentDescription, readAnpAgentDescription, isAgentDescription } from './description';
export type { AnpAgentDescription, AnpDescriptionParse, AnpInterface, AnpInterfaceKind } from './description';
export { parseOpenRpc, readOpenRpc, isOpenRpc } from './openrpc';
export type { OpenRpcMethod, OpenRpcParse, OpenRpcSummary } from './openrpc';
export { parseDidDocument, readDidDocument, didDocumentUrl, isDidDocument } from './did-document';
export type { DidDocument, DidDocumentParse, DidService, DidVerificationMethod, E1Binding } from './did-document';
export { canonicalJson, e1Fingerprint, ed25519FromMultibase, verifyEddsaJcs2022 } from './did-proof';
export { readAnpYamlInterface, isAnpYamlInterface } from './yaml-interface';
export type { AnpYamlEndpoint, AnpYamlInterface, AnpYamlInterfaceParse } from './yaml-interface';
export { jcs, jcsBytes, JcsError } from './jcs';
export { contentDigest, contentDigestMatches, signatureBase, signRequest, parseSignatureInput, parseSignature, parseAuthParams, parseAcceptSignature } from './http-signatures';
export type { HttpRequestParts, SignatureParams } from './http-signatures';
export { readAuthChallenge, shouldRetry, explainAuthFailure, AUTH_ERROR_CODES } from './auth-errors';
export type { AuthChallenge, AuthErrorCode } from './auth-errors';
export { parseDidWba, didWbaToUrl, urlToDidWba, e1DidFor, buildDidDocument, addEddsaJcs2022Proof, DidWbaError } from './did-wba';
export { legacyAuthorization, parseLegacyAuthorization, legacySignedBytes } from './legacy-auth';
export { negotiateRequest, readNegotiationResponse, negotiationDigest, META_PROFILE } from './meta-negotiation';
export type { NegotiationOutcome } from './meta-negotiation';
export { openRpcForms, formParams } from './openrpc-form';
export type { FormField, MethodForm } from './openrpc-form';
