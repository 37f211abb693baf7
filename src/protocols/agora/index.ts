// Agora (agora-protocol): protocol documents named by the hash of their exact text, sent by hash and
// sources over one POST, natural language when there is none (anp-agora.md §5).
export { protocolHash, hashMatches, hashPrefix, utf8Bytes } from './hash';
export type { HashAlgorithm } from './hash';
export { parseDataUri, encodeDataUri, encodeDataUriBase64, DATA_URI_MAX_CHARS } from './data-uri';
export type { DataUriResult } from './data-uri';
export { readMetadata, readFormats, verifyDocument, looksBinary, DOCUMENT_MAX_CHARS } from './document';
export type { ProtocolMetadata, ProtocolFormats, JsonFormat, VerifiedDocument } from './document';
export { naturalLanguageRequest, protocolRequest, conversationUrl, readResponse, readWellknown, findOffers, withoutOffers, sourceAllowed } from './wire';
export { findAgoraEndpoints } from './endpoints';
export type { AgoraRequest, AgoraOutcome, ProtocolOffer } from './wire';
