// Discovery: which well-known documents Emissary probes, how it fetches them safely, and what they are.
export { WELL_KNOWN_PROBES, DISCOVERY_HINTS, JSON_ACCEPT, mcpServerCardUrl, probeForPath } from './well-known';
export type { DocumentKind, DocumentFormat, WellKnownProbe } from './well-known';
export {
  PROBE_TIMEOUT_MS, OPENAPI_TIMEOUT_MS, MAX_BYTES, MAX_JSON_DEPTH, MAX_REDIRECTS, ANP_MAX_PAGES, ANP_MAX_ENTRIES,
  AI_CATALOG_MAX_DEPTH, CACHE_TTL_MS, DISCOVERY_FETCH_INIT, checkFetchUrl, checkRedirect, acceptableContentType, cacheTtlMs,
} from './policy';
export type { UrlCheck } from './policy';
export { readCapped } from './read-capped';
export type { ResponseLike, CappedRead } from './read-capped';
export { classifyDocument, createClassifier, describeClassification } from './classify';
export type { Classification, Expectation } from './classify';
export { DEFAULT_HANDLERS } from './handlers';
export type { DocumentHandler } from './handlers';
export { documentLabel, protocolOfKind, capProblems } from './document';
export type { DocumentSummary, ParsedDocument, DiscoveryProtocol } from './document';
export { parsePageHints, isSameSite, MAX_PAGE_HINTS } from './page-hints';
export type { PageHint, PageHintInput } from './page-hints';
export { fetchDocument, isSameSiteRedirect } from './fetch-document';
export type { CacheEntry, DiscoveryFetch, DiscoveryRequestInit, DiscoveryResponse, FetchOptions, FetchOutcome } from './fetch-document';
export { discoverSite, discoverUrl, DEFAULT_MAX_FOLLOW } from './discover-site';
export type { DiscoverDeps, SiteDiscovery, DiscoveredDocument, Miss } from './discover-site';
export type { AgentsJsonDiscovery } from './follow';
export { classifyText } from './classify-text';
