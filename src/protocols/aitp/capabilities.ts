// AITP capabilities: their schema URLs (the published ones and the NEAR AI Hub's alternatives),
// which message types belong to which, and what Emissary declares when it opens a thread.

export type CapabilityId = 'payments' | 'decisions' | 'data' | 'near' | 'evm';

export interface CapabilityInfo {
  id: CapabilityId;
  /** The AITP number and slug, e.g. `aitp-02-decisions`. */
  slug: string;
  /** The canonical v1 schema URL. */
  url: string;
  /** Message types, as the schema names them. */
  messageTypes: readonly string[];
  /** Message types only the NEAR AI Hub uses (not in the published schema). */
  hubMessageTypes?: readonly string[];
  /** The Hub's alternative `$schema` URL for this capability, if it has one. */
  hubUrl?: string;
}

const base = (slug: string) => `https://aitp.dev/capabilities/${slug}/v1.0.0/schema.json`;

export const CAPABILITIES: Readonly<Record<CapabilityId, CapabilityInfo>> = {
  payments: {
    id: 'payments', slug: 'aitp-01-payments', url: base('aitp-01-payments'),
    messageTypes: ['quote', 'wrapped_quote', 'payment', 'payment_confirmation', 'top_up_request', 'top_up_response'],
    hubMessageTypes: ['payment_authorization', 'payment_result'],
    hubUrl: 'https://aitp.dev/v1/payments/schema.json',
  },
  decisions: {
    id: 'decisions', slug: 'aitp-02-decisions', url: base('aitp-02-decisions'),
    messageTypes: ['request_decision', 'decision'],
    hubUrl: 'https://aitp.dev/v1/decisions/schema.json',
  },
  data: {
    id: 'data', slug: 'aitp-03-data-request', url: base('aitp-03-data-request'),
    messageTypes: ['request_data', 'data'],
    hubUrl: 'https://aitp.dev/v1/data/schema.json',
  },
  near: {
    id: 'near', slug: 'aitp-04-near-wallet', url: base('aitp-04-near-wallet'),
    messageTypes: ['request_account', 'account_response', 'request_transaction', 'transaction_response',
      'request_message_signing', 'message_signing_response', 'token_notification'],
  },
  evm: {
    id: 'evm', slug: 'aitp-05-evm-wallet', url: base('aitp-05-evm-wallet'),
    messageTypes: ['request_address', 'address_response', 'request_transaction', 'transaction_response',
      'request_message_signing', 'message_signing_response', 'chain_notification', 'token_notification'],
  },
};

export const CAPABILITY_IDS = Object.keys(CAPABILITIES) as CapabilityId[];

/** What Emissary declares at thread creation: every capability it can act on, canonical URLs. */
export const EMISSARY_CAPABILITY_URLS: readonly string[] = CAPABILITY_IDS.map((id) => CAPABILITIES[id].url);

/** Every message-type key Emissary knows, with the capabilities that use it (two for the wallet ones). */
export const MESSAGE_TYPE_OWNERS: ReadonlyMap<string, readonly CapabilityId[]> = (() => {
  const m = new Map<string, CapabilityId[]>();
  for (const id of CAPABILITY_IDS) {
    const info = CAPABILITIES[id];
    for (const t of [...info.messageTypes, ...(info.hubMessageTypes ?? [])]) m.set(t, [...(m.get(t) ?? []), id]);
  }
  return m;
})();

export interface SchemaUrlInfo {
  capability: CapabilityId;
  /** The MAJOR version named in the URL (1 for the Hub's `/v1/` URLs). */
  major: number;
  /** `canonical` = aitp.dev/capabilities/...; `hub` = the NEAR AI Hub's aitp.dev/v1/... or /api/v1/aitp/... */
  family: 'canonical' | 'hub';
}

const CANONICAL_RE = /^https:\/\/aitp\.dev\/capabilities\/(aitp-0\d-[a-z-]+)\/v(\d+)\.\d+\.\d+\/schema\.json$/;
const HUB_RE = /^https:\/\/aitp\.dev\/v(\d+)\/(payments|decisions|data)\/schema\.json$/;
const HUB_API_RE = /^https:\/\/[a-z0-9.-]+\/api\/v(\d+)\/aitp\/(payments|decisions|data)\/schema\.json$/;

/**
 * Which capability a `$schema` URL names, or null for URLs Emissary does not recognise (the message is
 * then identified by its message-type key alone). Capabilities are matched by id and MAJOR version,
 * not by exact URL (aitp issue #23): `.../aitp-02-decisions/v1.4.2/schema.json` is v1.
 */
export function identifySchemaUrl(url: string): SchemaUrlInfo | null {
  const canonical = CANONICAL_RE.exec(url);
  if (canonical) {
    const id = CAPABILITY_IDS.find((c) => CAPABILITIES[c].slug === canonical[1]);
    return id ? { capability: id, major: Number(canonical[2]), family: 'canonical' } : null;
  }
  const hub = HUB_RE.exec(url) ?? HUB_API_RE.exec(url);
  if (hub) return { capability: hub[2] as CapabilityId, major: Number(hub[1]), family: 'hub' };
  return null;
}

/** The capability ids a list of declared schema URLs covers (v1 only), e.g. from an agent's actor entry. */
export function declaredCapabilities(urls: readonly string[]): CapabilityId[] {
  const out = new Set<CapabilityId>();
  for (const u of urls) {
    const info = identifySchemaUrl(u);
    if (info && info.major === 1) out.add(info.capability);
  }
  return CAPABILITY_IDS.filter((c) => out.has(c));
}
