// Agora over HTTP: one POST of `{protocolHash, protocolSources, body}`. Two shapes are published
// (anp-agora.md §5.3): the spec page answers `{status: "success"|"failure", body}` or
// `{status: "rejected"}`; the Python library (v0.2.0) answers HTTP 200 with `{status: "success", body,
// conversationId?}` or `{status: "error", message}` for every failure, continues multi-round
// conversations at `<endpoint>/conversations/<id>` and closes them with DELETE there.

export interface AgoraRequest {
  protocolHash: string | null;
  protocolSources: string[] | null;
  body: string;
  multiround?: true;
}

/** Natural language: no document. The library sends `[]` as sources; the spec page `null`. `[]` suits both readers. */
export function naturalLanguageRequest(body: string): AgoraRequest {
  return { protocolHash: null, protocolSources: [], body };
}

export function protocolRequest(hash: string, sources: string[], body: string, multiround = false): AgoraRequest {
  return { protocolHash: hash, protocolSources: sources, body, ...(multiround ? { multiround: true as const } : {}) };
}

/** Where a multi-round conversation continues (library); the id is percent-encoded. */
export function conversationUrl(endpoint: string, conversationId: string): string {
  return `${endpoint.replace(/\/+$/, '')}/conversations/${encodeURIComponent(conversationId)}`;
}

export type AgoraOutcome =
  | { status: 'success'; body: string; conversationId?: string }
  /** The receiver will not use the document (spec `rejected`, library `error` "Protocol rejected"). */
  | { status: 'rejected'; message: string }
  /** Anything else that went wrong (spec `failure`, library `error`, HTTP errors, bad JSON). */
  | { status: 'failure'; message: string };

const BODY_MAX = 200_000;

function text(value: unknown, max: number): string | undefined {
  if (typeof value === 'string') return value.slice(0, max);
  // Receivers that return a JSON value instead of an escaped string: keep it readable.
  if (value !== undefined && value !== null && typeof value === 'object') return JSON.stringify(value).slice(0, max);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Reads a response of either shape. `httpStatus` is the HTTP status; `raw` the response text. */
export function readResponse(httpStatus: number, raw: string): AgoraOutcome {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { status: 'failure', message: httpStatus >= 200 && httpStatus < 300 ? 'The agent answered with something that is not JSON.' : `The agent answered HTTP ${httpStatus}.` };
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return { status: 'failure', message: `The agent answered HTTP ${httpStatus} without an Agora response.` };
  const r = json as Record<string, unknown>;
  const status = typeof r.status === 'string' ? r.status.toLowerCase() : '';
  const message = text(r.message, 500) ?? text(r.error, 500) ?? text(r.body, 500);
  if (status === 'rejected' || (status === 'error' && /protocol rejected/i.test(message ?? ''))) return { status: 'rejected', message: message || 'The agent will not use this protocol document.' };
  if (httpStatus < 200 || httpStatus >= 300) return { status: 'failure', message: message ? `HTTP ${httpStatus}: ${message}` : `The agent answered HTTP ${httpStatus}.` };
  if (status === 'success') {
    const body = text(r.body, BODY_MAX) ?? '';
    const conversationId = typeof r.conversationId === 'string' && r.conversationId.length <= 200 ? r.conversationId : undefined;
    return { status: 'success', body, ...(conversationId ? { conversationId } : {}) };
  }
  if (status === 'failure' || status === 'error') return { status: 'failure', message: message || 'The agent could not handle the message.' };
  return { status: 'failure', message: `The agent answered with an unknown status ${JSON.stringify(String(r.status ?? '')).slice(0, 60)}.` };
}

/** Protocol documents a receiver lists: the spec's `GET /.wellknown` → `{hash: [sources]}`, or the demo DB's `{status, protocols: {…}}`. */
export function readWellknown(json: unknown): { hash: string; sources: string[] }[] {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return [];
  const obj = json as Record<string, unknown>;
  const map = obj.protocols && typeof obj.protocols === 'object' && !Array.isArray(obj.protocols) ? (obj.protocols as Record<string, unknown>) : obj;
  const out: { hash: string; sources: string[] }[] = [];
  for (const [hash, sources] of Object.entries(map).slice(0, 64)) {
    if (hash === 'status' || !Array.isArray(sources)) continue;
    const list = sources.filter((s): s is string => typeof s === 'string' && s.length < 2_000_000).slice(0, 8);
    if (list.length) out.push({ hash: hash.slice(0, 100), sources: list });
  }
  return out;
}

export interface ProtocolOffer {
  hash: string;
  sources: string[];
  /** The document came inline (library negotiation's `<FINALPROTOCOL>` block); `hash` was computed here. */
  inlineText?: string;
}

/**
 * Protocol documents an agent offers in a reply. Agora fixes no wire form for an offer, so two are read:
 * the library negotiator's `<FINALPROTOCOL>…</FINALPROTOCOL>` block (the text itself) and a JSON object
 * with `protocolHash` and `protocolSources` (the request's own field names) anywhere in the body.
 */
export function findOffers(body: string, hashOf: (text: string) => string): ProtocolOffer[] {
  return scanOffers(body, hashOf).offers;
}

/** The reply without its offers (a long data: URI is no reading matter); each becomes a short marker. */
export function withoutOffers(body: string): string {
  const { spans } = scanOffers(body, () => '');
  let out = body;
  for (const [start, end] of spans.sort((a, b) => b[0] - a[0])) out = `${out.slice(0, start)}[protocol document offer]${out.slice(end)}`;
  return out;
}

function scanOffers(body: string, hashOf: (text: string) => string): { offers: ProtocolOffer[]; spans: [number, number][] } {
  const offers: ProtocolOffer[] = [];
  const spans: [number, number][] = [];
  const final = /<FINALPROTOCOL>([\s\S]*?)<\/FINALPROTOCOL>/i.exec(body);
  if (final) {
    spans.push([final.index, final.index + final[0].length]);
    // The library strips the tags and surrounding whitespace (extract_substring(...).strip()).
    const inline = final[1].trim();
    try {
      offers.push({ hash: hashOf(inline), sources: [], inlineText: inline });
    } catch {
      /* unencodable text: not an offer */
    }
  }
  for (let at = body.indexOf('"protocolHash"'), n = 0; at >= 0 && n < 16; at = body.indexOf('"protocolHash"', at + 1), n++) {
    const start = body.lastIndexOf('{', at);
    if (start < 0) continue;
    for (let end = body.indexOf('}', at), tries = 0; end >= 0 && tries < 16; end = body.indexOf('}', end + 1), tries++) {
      let obj: Record<string, unknown>;
      try {
        obj = JSON.parse(body.slice(start, end + 1)) as Record<string, unknown>;
      } catch {
        continue; // not yet a whole object: try the next closing brace
      }
      const sources = Array.isArray(obj.protocolSources) ? obj.protocolSources.filter((s): s is string => typeof s === 'string').slice(0, 8) : [];
      if (typeof obj.protocolHash === 'string' && obj.protocolHash !== 'negotiation' && obj.protocolHash.length <= 100 && sources.length) {
        offers.push({ hash: obj.protocolHash, sources });
        spans.push([start, end + 1]);
      }
      break;
    }
  }
  const seen = new Set<string>();
  return { offers: offers.filter((o) => !seen.has(o.hash) && seen.add(o.hash)).slice(0, 4), spans };
}

/**
 * Where Emissary fetches a protocol document from: data: URIs, or https on the agent's own origin (http
 * only when the agent itself runs on this machine). Other hosts could learn who talks to the agent.
 */
export function sourceAllowed(source: string, agentUrl: string): boolean {
  if (/^data:/i.test(source)) return true;
  try {
    const src = new URL(source);
    const agent = new URL(agentUrl);
    if (src.origin !== agent.origin || src.username || src.password) return false;
    return src.protocol === 'https:' || (src.protocol === 'http:' && /^(localhost|127\.0\.0\.1|\[::1\])$/.test(src.hostname));
  } catch {
    return false;
  }
}
