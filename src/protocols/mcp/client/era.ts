// The two MCP eras and how a dual-era client tells them apart over HTTP (mcp-lmos.md §1.1, §1.3;
// 2026-07-28 basic/versioning.mdx and transports/streamable-http.mdx "Backward Compatibility").
import { isObject, type JsonObject, type JsonValue } from '../../agents-json/json';
import { McpError } from './errors';
import { MODERN_ERROR_CODES, RPC_ERRORS } from './jsonrpc';

export type Era = 'modern' | 'legacy';

export const MODERN_VERSION = '2026-07-28';
/** Legacy revisions, newest first; the first is what `initialize` asks for. */
export const LEGACY_VERSIONS: readonly string[] = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'];

export const META = {
  protocolVersion: 'io.modelcontextprotocol/protocolVersion',
  clientInfo: 'io.modelcontextprotocol/clientInfo',
  clientCapabilities: 'io.modelcontextprotocol/clientCapabilities',
  serverInfo: 'io.modelcontextprotocol/serverInfo',
} as const;

export interface ClientInfo {
  name: string;
  version: string;
  title?: string;
}

export interface ServerInfo {
  name: string;
  version: string;
  title?: string;
}

export interface ServerDescription {
  era: Era;
  protocolVersion: string;
  serverInfo?: ServerInfo;
  capabilities: JsonObject;
  instructions?: string;
  /** Modern `server/discover`: how long the answer may be cached, and by whom. */
  ttlMs?: number;
  cacheScope?: 'public' | 'private';
}

/** Capabilities Emissary declares: elicitation (form and URL) when it can ask the user, nothing else. */
export function clientCapabilities(canElicit: boolean): JsonObject {
  return canElicit ? { elicitation: { form: {}, url: {} } } : {};
}

/** The modern per-request `_meta`, merged over what the request already carries (e.g. progressToken). */
export function modernMeta(params: JsonObject | undefined, info: ClientInfo, capabilities: JsonObject): JsonObject {
  const own = isObject(params?._meta) ? params._meta : {};
  return {
    ...(params ?? {}),
    _meta: { ...own, [META.protocolVersion]: MODERN_VERSION, [META.clientInfo]: { ...info }, [META.clientCapabilities]: capabilities },
  };
}

export function readServerInfo(value: JsonValue | undefined): ServerInfo | undefined {
  if (!isObject(value) || typeof value.name !== 'string') return undefined;
  const title = typeof value.title === 'string' ? value.title.slice(0, 200) : undefined;
  return { name: value.name.slice(0, 200), version: typeof value.version === 'string' ? value.version.slice(0, 100) : '', ...(title ? { title } : {}) };
}

function versions(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').slice(0, 32) : [];
}

export type ProbeVerdict =
  | { era: 'modern'; description: ServerDescription }
  | { era: 'legacy'; reason: string };

/** Reads a DiscoverResult. A server that lists only legacy versions is treated as legacy. */
export function discoverVerdict(result: JsonObject): ProbeVerdict {
  const supported = versions(result.supportedVersions);
  if (!supported.includes(MODERN_VERSION)) {
    if (supported.some((v) => LEGACY_VERSIONS.includes(v))) return { era: 'legacy', reason: `server/discover lists only ${supported.join(', ')}` };
    throw new McpError('unsupported-version', `the server speaks ${supported.join(', ').slice(0, 200) || 'no version it names'}; Emissary speaks ${MODERN_VERSION} and ${LEGACY_VERSIONS.join(', ')}`);
  }
  const meta = isObject(result._meta) ? result._meta : {};
  const serverInfo = readServerInfo(meta[META.serverInfo]);
  const instructions = typeof result.instructions === 'string' ? result.instructions.slice(0, 4000) : undefined;
  const ttl = typeof result.ttlMs === 'number' && result.ttlMs >= 0 ? result.ttlMs : undefined;
  const scope = result.cacheScope === 'public' || result.cacheScope === 'private' ? result.cacheScope : undefined;
  return {
    era: 'modern',
    description: {
      era: 'modern', protocolVersion: MODERN_VERSION, ...(serverInfo ? { serverInfo } : {}),
      capabilities: isObject(result.capabilities) ? result.capabilities : {},
      ...(instructions ? { instructions } : {}), ...(ttl !== undefined ? { ttlMs: ttl } : {}), ...(scope ? { cacheScope: scope } : {}),
    },
  };
}

/**
 * What a failed modern probe says about the server. Rethrows what is no evidence either way
 * (401, 402, 403, 5xx, timeouts, cancellation); a recognised modern error means "modern, but this
 * request cannot succeed"; anything else — other 4xx, other JSON-RPC errors, a network/CORS
 * failure, an unreadable answer — means legacy.
 */
export function probeFailureVerdict(err: unknown): ProbeVerdict {
  if (!(err instanceof McpError)) throw err;
  if (['unauthorized', 'forbidden', 'payment-required', 'timeout', 'cancelled', 'too-large', 'unsupported-version'].includes(err.kind)) throw err;
  if (err.status !== undefined && err.status >= 500) throw err;
  if (err.kind === 'rpc' && err.rpcCode !== undefined && MODERN_ERROR_CODES.has(err.rpcCode)) {
    if (err.rpcCode === RPC_ERRORS.unsupportedProtocolVersion) {
      const supported = isObject(err.data) ? versions(err.data.supported) : [];
      if (supported.some((v) => LEGACY_VERSIONS.includes(v))) return { era: 'legacy', reason: `the server supports ${supported.join(', ')}` };
      throw new McpError('unsupported-version', `the server supports ${supported.join(', ').slice(0, 200) || 'no version it names'}, none of which Emissary speaks`, { rpcCode: err.rpcCode });
    }
    throw err;
  }
  return { era: 'legacy', reason: err.message };
}
