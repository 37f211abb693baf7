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
