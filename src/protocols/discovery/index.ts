// Discovery: which well-known documents Emissary probes, how it fetches them safely, and what they are.
export { WELL_KNOWN_PROBES, DISCOVERY_HINTS, mcpServerCardUrl, probeForPath } from './well-known';
export type { DocumentKind, DocumentFormat, WellKnownProbe } from './well-known';
export {
  PROBE_TIMEOUT_MS, OPENAPI_TIMEOUT_MS, MAX_BYTES, MAX_JSON_DEPTH, MAX_REDIRECTS, ANP_MAX_PAGES, ANP_MAX_ENTRIES,
  AI_CATALOG_MAX_DEPTH, CACHE_TTL_MS, DISCOVERY_FETCH_INIT, checkFetchUrl, checkRedirect, acceptableContentType, cacheTtlMs,
} from './policy';
export type { UrlCheck } from './policy';
export { readCapped } from './read-capped';
export type { ResponseLike, CappedRead } from './read-capped';
export { classifyDocument, createClassifier, describeClassification } from './classify';
export type { Classification } from './classify';
export { DEFAULT_HANDLERS } from './handlers';
export type { DocumentHandler, DocumentSummary, ParsedDocument } from './handlers';
