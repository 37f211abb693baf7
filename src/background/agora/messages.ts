// What an Agora thread stores: message bodies for the popup's widgets and the negotiation marks.
import type { JsonFormat } from '../../protocols/agora';
import type { NegotiationMark } from '../../store/schema';
import { protocolLabel, type ProtocolRecord } from './library';

/** Thread.remote of an Agora thread. */
export interface AgoraRemote {
  endpoint: string;
  /** The document accepted for this agent; later messages follow it. */
  protocol?: { hash: string; sources: string[]; name: string; multiround: boolean };
  conversationId?: string;
}

export interface OfferBody {
  hash: string;
  sources: string[];
  name: string;
  description: string;
  multiround: boolean;
  noFrontMatter: boolean;
  text: string;
  /** Where the verified text came from: a source URI (data: URIs shortened) or 'inline'. */
  verifiedFrom: string;
  algorithm: string;
  hasForm: boolean;
}

export interface FormBody {
  hash: string;
  name: string;
  request: JsonFormat;
  response?: JsonFormat;
}

export interface ResultBody {
  hash: string;
  name: string;
  /** The reply body parsed as JSON, when it is a JSON object. */
  json?: Record<string, unknown>;
  response?: JsonFormat;
}

export interface RequestBody {
  hash: string;
  name: string;
  json?: Record<string, unknown>;
}

export function offerBody(doc: ProtocolRecord, verifiedFrom: string, algorithm: string): OfferBody {
  return {
    hash: doc.hash, sources: doc.sources, name: doc.name, description: doc.description, multiround: doc.multiround, noFrontMatter: doc.noFrontMatter,
    text: doc.text, verifiedFrom: /^data:/i.test(verifiedFrom) ? 'a data: URI in the offer' : verifiedFrom, algorithm, hasForm: !!doc.formats.request,
  };
}

const COST_KEYS = ['total', 'price', 'cost', 'amount', 'fee'];

/** "7.00 USDC" from a result's total/price/cost field, when it has one. */
export function costOf(json: Record<string, unknown> | undefined): string | undefined {
  if (!json) return undefined;
  for (const k of Object.keys(json)) {
    if (!COST_KEYS.includes(k.toLowerCase())) continue;
    const v = json[k];
    if (typeof v === 'string' && v.length <= 60) return v;
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  }
  return undefined;
}

/** A short account of a JSON message: `drink: latte, quantity: 2`. */
export function summarize(json: Record<string, unknown>): string {
  return Object.entries(json)
    .filter(([, v]) => v === null || typeof v !== 'object')
    .slice(0, 6)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(', ')
    .slice(0, 200);
}

export const marks = {
  offered: (hash: string, name: string): NegotiationMark => ({ stage: 'proposed', what: `The agent offered the protocol document "${name}"`, under: protocolLabel(hash) }),
  offerFailed: (hash: string): NegotiationMark => ({ stage: 'failed', what: 'The agent offered a protocol document Emissary could not verify', under: protocolLabel(hash) }),
  accepted: (hash: string, name: string): NegotiationMark => ({ stage: 'accepted', what: `You accepted "${name}" for this agent`, under: protocolLabel(hash) }),
  declined: (hash: string, name: string): NegotiationMark => ({ stage: 'rejected', what: `You declined "${name}"`, under: protocolLabel(hash) }),
  refused: (hash: string, name: string): NegotiationMark => ({ stage: 'rejected', what: `The agent refused to use "${name}"`, under: protocolLabel(hash) }),
  request: (hash: string, what: string): NegotiationMark => ({ stage: 'proposed', what: `Request: ${what}`, under: protocolLabel(hash) }),
  result: (hash: string, what: string, cost?: string): NegotiationMark => ({ stage: 'confirmed', what: `Result: ${what}`, under: protocolLabel(hash), ...(cost ? { cost } : {}) }),
  resultError: (hash: string, what: string): NegotiationMark => ({ stage: 'failed', what: `The agent answered with an error: ${what}`, under: protocolLabel(hash) }),
};
