// ANP-06 v1.2 (Draft) meta-protocol negotiation: the `anp.negotiate` request in structured-selection
// mode, and the NegotiationResult read defensively. ANP-06 says what negotiationDigest is for
// (caching and reuse) but not what it covers; Emissary takes it as SHA-256 over the JCS of the result
// without the digest, says "checked" when that reproduces it and "as stated" when not.
import { sha256 } from '@noble/hashes/sha2.js';
import { base64urlnopad } from '@scure/base';
import { jcsBytes } from './jcs';

export const META_PROFILE = 'anp.meta.negotiation.v1';

export const META_ERRORS: Record<number, string> = {
  1600: 'the agent rejected the negotiation',
  1601: 'no interface of the agent fits the intent and constraints',
  1602: 'the agent does not support this negotiation mode',
  1603: 'the agent does not support the candidate profiles',
  1604: 'the agent does not support the security profile',
  1605: 'the agent does not support the content type',
  1606: 'the agent needs more information',
  1607: 'the agent wants authentication first',
  1608: 'the negotiation expired',
};

export interface NegotiateInput {
  negotiationId: string;
  operationId: string;
  senderDid: string;
  targetDid: string | null;
  createdAt: string;
  intent: { name: string; description?: string; intentTags: string[] };
  candidateInterfaceRefs: string[];
  requiresHumanAuthorization?: boolean;
}

/** The JSON-RPC request (authentication travels in the HTTP signature, not in params.auth). */
export function negotiateRequest(i: NegotiateInput): Record<string, unknown> {
  return {
    jsonrpc: '2.0',
    id: i.operationId,
    method: 'anp.negotiate',
    params: {
      meta: {
        profile: META_PROFILE, security_profile: 'transport-protected', sender_did: i.senderDid,
        ...(i.targetDid ? { target: { kind: 'agent', did: i.targetDid } } : {}),
        operation_id: i.operationId, created_at: i.createdAt, content_type: 'application/json',
      },
      body: {
        negotiation_id: i.negotiationId,
        mode: 'structured_selection',
        intent: i.intent,
        callerCapabilities: {
          supportedProfiles: ['anp.core.binding.v1', 'anp.rpc.v1'],
          supportedSecurityProfiles: ['transport-protected'],
          supportedContentTypes: ['application/json', 'text/plain'],
          supportedExecutionModes: ['direct_structured_call', 'natural_language'],
        },
        constraints: {
          preferredInterfaceTypes: ['StructuredInterface', 'NaturalLanguageInterface'],
          requiresHumanAuthorization: i.requiresHumanAuthorization ?? false,
          allowNaturalLanguageFallback: true,
        },
        candidateInterfaceRefs: i.candidateInterfaceRefs,
      },
    },
  };
}

export interface NegotiationOutcome {
  negotiationId: string;
  status: 'accepted' | 'rejected' | 'needs_more_information';
  selected: { capability?: string; interface?: string; protocol?: string; profile?: string; securityProfile?: string; contentType?: string; url?: string } | null;
  executionMode: string | null;
  requiresHumanAuthorization: boolean;
  validUntil: string | null;
  /** Past validUntil at `now`. */
  expired: boolean;
  digest: string | null;
  digestCheck: 'checked' | 'as-stated' | 'absent';
  reason: string | null;
}

/** `sha-256:<base64url>` of the JCS of the result without its digest. */
export function negotiationDigest(result: Record<string, unknown>): string {
  const { negotiationDigest: _d, ...rest } = result;
  return `sha-256:${base64urlnopad.encode(sha256(jcsBytes(rest)))}`;
}

const text = (v: unknown, max = 300) => (typeof v === 'string' ? v.slice(0, max) : undefined);

/** Reads an anp.negotiate JSON-RPC response; throws with a readable sentence on an error or a malformed answer. */
export function readNegotiationResponse(response: unknown, now: number): NegotiationOutcome {
  if (!response || typeof response !== 'object') throw new Error('The agent answered the negotiation with something that is not JSON-RPC.');
  const r = response as Record<string, unknown>;
  if (r.error && typeof r.error === 'object') {
    const e = r.error as Record<string, unknown>;
    const code = typeof e.code === 'number' ? e.code : 0;
    throw new Error(`Negotiation failed: ${META_ERRORS[code] ?? text(e.message, 200) ?? 'the agent returned an error'} (${code}).`);
  }
  const res = r.result;
  if (!res || typeof res !== 'object' || Array.isArray(res)) throw new Error('The negotiation answer has no result.');
  const o = res as Record<string, unknown>;
  const status = o.status;
  if (status !== 'accepted' && status !== 'rejected' && status !== 'needs_more_information') throw new Error('The negotiation answer has no valid status.');
  const sel = o.selected && typeof o.selected === 'object' ? (o.selected as Record<string, unknown>) : null;
  if (status === 'accepted' && !sel) throw new Error('The agent accepted but selected nothing.');
  const selected = sel ? Object.fromEntries(['capability', 'interface', 'protocol', 'profile', 'securityProfile', 'contentType', 'url'].map((k) => [k, text(sel[k])]).filter(([, v]) => v)) : null;
  const exec = o.execution && typeof o.execution === 'object' ? (o.execution as Record<string, unknown>) : {};
  const validUntil = text(o.validUntil, 40) ?? null;
  const until = validUntil ? Date.parse(validUntil) : NaN;
  const digest = text(o.negotiationDigest, 120) ?? null;
  return {
    negotiationId: text(o.negotiationId, 120) ?? '',
    status,
    selected,
    executionMode: text(exec.mode, 60) ?? null,
    requiresHumanAuthorization: exec.requiresHumanAuthorization === true,
    validUntil,
    expired: Number.isFinite(until) && until <= now,
    digest,
    digestCheck: !digest ? 'absent' : digest === negotiationDigest(o) ? 'checked' : 'as-stated',
    reason: text(o.reason) ?? null,
  };
}
