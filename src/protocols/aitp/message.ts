// parseAitpMessage: one untrusted capability message (text or parsed JSON) → a typed, validated message.
// Identified by its message-type key and `$schema`; both URL families (aitp.dev/capabilities/... and the
// NEAR AI Hub's aitp.dev/v1/...) are read; unknown fields are ignored; what Emissary acts on is strict.

import { hasOwn, isObject, parseJsonText, problem, sanitizeTree, type JsonObject, type Problem, type TreeLimits } from '../agents-json/json';
import { CAPABILITIES, identifySchemaUrl, MESSAGE_TYPE_OWNERS, type CapabilityId } from './capabilities';
import { DATA_READERS } from './data-request';
import { DECISION_READERS } from './decisions';
import { EVM_READERS } from './evm-wallet';
import { NEAR_READERS } from './near-wallet';
import { PAYMENT_READERS } from './payments';
import { AITP_LIMITS, isHttpUrl, Reader, type BodyReader } from './read';
import type { AitpMessage, ParseMessageResult } from './types';

const READERS: Record<CapabilityId, Record<string, BodyReader<unknown>>> = {
  payments: PAYMENT_READERS, decisions: DECISION_READERS, data: DATA_READERS, near: NEAR_READERS, evm: EVM_READERS,
};

export const MESSAGE_TREE_LIMITS: TreeLimits = { maxBytes: AITP_LIMITS.messageBytes, maxDepth: AITP_LIMITS.depth, maxNodes: AITP_LIMITS.nodes };

export interface ParseOptions {
  /** Starts every problem message; default `AITP message`. */
  label?: string;
}

const fail = (problems: Problem[]): ParseMessageResult => ({ ok: false, problems });

/** True when a parsed value has a `$schema` string or a known message-type key: worth parsing as AITP. */
export function looksLikeAitp(value: unknown): boolean {
  if (!isObject(value)) return false;
  return typeof value.$schema === 'string' || Object.keys(value).some((k) => MESSAGE_TYPE_OWNERS.has(k));
}

/** Which wallet capability a shared message type (request_transaction, ...) belongs to, from its shape. */
function walletByShape(type: string, body: unknown): CapabilityId | null {
  if (!isObject(body)) return null;
  const tx = isObject(body.transaction) ? body.transaction : {};
  switch (type) {
    case 'request_transaction':
      return 'receiver_id' in tx ? 'near' : 'to' in tx || 'chain_id' in body ? 'evm' : null;
    case 'transaction_response':
      return typeof body.transaction_hash !== 'string' ? null : body.transaction_hash.startsWith('0x') ? 'evm' : 'near';
    case 'request_message_signing':
      return 'signing_type' in body ? 'evm' : isObject(body.message) ? 'near' : null;
    case 'message_signing_response':
      return 'account_id' in body || 'public_key' in body ? 'near' : 'address' in body ? 'evm' : null;
    case 'token_notification':
      return body.token_type === 'nep141' ? 'near' : body.token_type === 'erc20' || 'chain_id' in body ? 'evm' : null;
    default:
      return null;
  }
}

/** Reads the value into plain, bounded JSON (text is parsed; objects are copied within the same caps). */
export function toTree(untrusted: unknown, label: string, limits: TreeLimits = MESSAGE_TREE_LIMITS): { value?: JsonObject; problems: Problem[] } {
  try {
    return toTreeUnguarded(untrusted, label, limits);
  } catch {
    return { problems: [problem('error', label, '', 'could not be read (a getter or proxy threw)')] };
  }
}

function toTreeUnguarded(untrusted: unknown, label: string, limits: TreeLimits): { value?: JsonObject; problems: Problem[] } {
  if (typeof untrusted === 'string') {
    const parsed = parseJsonText(untrusted, label, limits);
    if (!parsed.ok) return { problems: parsed.problems };
    if (!isObject(parsed.value)) return { problems: [problem('error', label, '', 'is JSON but not an object')] };
    return { value: parsed.value, problems: parsed.problems };
  }
  if (!isObject(untrusted)) {
    const what = untrusted === null ? 'null' : Array.isArray(untrusted) ? 'an array' : `a ${typeof untrusted}`;
    return { problems: [problem('error', label, '', `must be a JSON object, got ${what}`)] };
  }
  const problems: Problem[] = [];
  const value = sanitizeTree(untrusted, label, limits, problems);
  return { value: isObject(value) ? value : undefined, problems };
}

/** Parse one AITP capability message. Never throws; failure lists every problem found, each with its path. */
export function parseAitpMessage(untrusted: unknown, options: ParseOptions = {}): ParseMessageResult {
  const label = options.label ?? 'AITP message';
  return parseAitpTree(toTree(untrusted, label), label);
}

/** parseAitpMessage for a value already read into bounded JSON. */
export function parseAitpTree(tree: { value?: JsonObject; problems: Problem[] }, label: string): ParseMessageResult {
  const r = new Reader(label, tree.problems);
  const o = tree.value;
  if (!o || r.failed) return fail(r.problems);

  const types = Object.keys(o).filter((k) => MESSAGE_TYPE_OWNERS.has(k));
  if (types.length === 0) {
    const keys = Object.keys(o).filter((k) => k !== '$schema').slice(0, 5).map((k) => `'${k.slice(0, 40)}'`);
    r.error('', `has no AITP message type${keys.length ? ` (keys: ${keys.join(', ')})` : ''}; expected one of ${[...MESSAGE_TYPE_OWNERS.keys()].join(', ')}`);
    return fail(r.problems);
  }
  if (types.length > 1) {
    r.error('', `has ${types.length} message types (${types.join(', ')}); a message carries exactly one`);
    return fail(r.problems);
  }
  const type = types[0];
  const schema = r.str(o, '$schema', '', { required: true, max: AITP_LIMITS.url });
  if (schema === undefined) return fail(r.problems);
  if (!isHttpUrl(schema)) r.error('$schema', `must be the capability's schema URL, got ${JSON.stringify(schema.slice(0, 60))}`);

  const owners = MESSAGE_TYPE_OWNERS.get(type) ?? [];
  const schemaInfo = identifySchemaUrl(schema);
  let capability: CapabilityId | null;
  if (schemaInfo) {
    capability = schemaInfo.capability;
    if (schemaInfo.major !== 1) {
      r.error('$schema', `names version ${schemaInfo.major} of ${CAPABILITIES[capability].slug}; Emissary speaks v1`);
    } else if (!owners.includes(capability)) {
      r.error(type, `is not a message type of ${CAPABILITIES[capability].slug} (the $schema); it belongs to ${owners.map((c) => CAPABILITIES[c].slug).join(' and ')}`);
    }
  } else {
    capability = owners.length === 1 ? owners[0] : walletByShape(type, o[type]);
    if (capability === null) {
      r.error('$schema', `is not an AITP schema URL Emissary knows, and '${type}' could be NEAR (AITP-04) or EVM (AITP-05): the shape does not tell`);
    } else {
      r.warn('$schema', `is not an AITP schema URL Emissary knows; read as ${CAPABILITIES[capability].slug} from the message type '${type}'`);
    }
  }
  if (r.failed || capability === null) return fail(r.problems);
  if (!hasOwn(o, type)) return fail(r.problems);

  const body = READERS[capability][type](r, o[type], type);
  if (body === undefined || r.failed) return fail(r.problems);
  const message = { kind: `${capability}.${type}`, capability, type, schema, schemaInfo, body } as AitpMessage;
  return { ok: true, message, problems: r.problems };
}
