// Reading a 402 response: v2 `PAYMENT-REQUIRED` header (base64 JSON) first, else a v1 JSON body.
// Every accepts[] entry is validated on its own; options Emissary cannot pay are listed with reasons.

import { ZERO_ADDRESS, parseAddress, type Address } from '../evm/address';
import { quote } from '../evm/bytes';
import { chainIdFromX402Network, chainName, parseCaip2 } from '../evm/chains';
import { parseUintString } from '../evm/units';
import {
  checkHttpUrl,
  decodeBase64Json,
  fail,
  FieldReader,
  getHeader,
  isObject,
  parseJsonText,
  problem,
} from './codec';
import {
  HEADERS,
  LIMITS,
  type ExactEvmRequirement,
  type HeaderSource,
  type PaymentRequired,
  type Problem,
  type ResourceInfo,
  type Result,
  type X402Version,
} from './types';

/**
 * Parse a 402 response into the payment options Emissary can pay.
 * `bodyText` is the response body as text (already size-capped by the fetcher, checked again here).
 */
export function parsePaymentRequired(
  status: number,
  headers: HeaderSource | null | undefined,
  bodyText: string | null | undefined,
): Result<PaymentRequired> {
  if (status !== 402) return fail('not_402', 'status', `the response status is ${status}, not 402 Payment Required`);
  const header = getHeader(headers, HEADERS.paymentRequired);
  if (header !== undefined && header.trim() !== '') {
    const where = `${HEADERS.paymentRequired} header`;
    const decoded = decodeBase64Json(header, where, LIMITS.paymentRequiredHeader);
    if (!decoded.ok) return decoded;
    return parsePaymentRequiredObject(decoded.value, { expectVersion: 2, where });
  }
  if (typeof bodyText !== 'string' || bodyText.trim() === '') {
    return fail('no_requirements', 'body', `the 402 response has no ${HEADERS.paymentRequired} header (x402 v2) and no body (x402 v1)`);
  }
  if (bodyText.length > LIMITS.body) {
    return fail('too_large', 'body', `the 402 body is ${bodyText.length} characters; the limit is ${LIMITS.body}`);
  }
  const json = parseJsonText(bodyText, 'body');
  if (!json.ok) return json;
  if (!isObject(json.value) || !('x402Version' in json.value)) {
    return fail('no_requirements', 'body', 'the 402 body is not x402 payment requirements (no x402Version)');
  }
  // A v2 object in the body (no header) is out of the HTTP spec but unambiguous; accept it.
  return parsePaymentRequiredObject(json.value, { where: 'body' });
}

/** Validate a decoded PaymentRequired object (also usable for MCP, where it arrives as tool-result JSON). */
export function parsePaymentRequiredObject(
  value: unknown,
  opts: { expectVersion?: X402Version; where?: string } = {},
): Result<PaymentRequired> {
  const where = opts.where ?? 'payment requirements';
  if (!isObject(value)) return fail('bad_field', '', `${where} must be a JSON object`);
  const version = value.x402Version;
  if (version !== 1 && version !== 2) {
    return fail('bad_version', 'x402Version', `x402Version ${quote(version)} is not supported (Emissary speaks 1 and 2)`);
  }
  if (opts.expectVersion !== undefined && version !== opts.expectVersion) {
    return fail('bad_version', 'x402Version', `${where} declares x402Version ${version}, expected ${opts.expectVersion}`);
  }
  const top = new FieldReader(value, '');
  let error = typeof value.error === 'string' ? value.error : undefined;
  if (error !== undefined && error.length > LIMITS.error) error = `${error.slice(0, LIMITS.error)}…`;

  let resource: ResourceInfo | undefined;
  let extensions: Record<string, unknown> | undefined;
  if (version === 2) {
    const res = top.object('resource');
    if (res) resource = readResource(new FieldReader(res, 'resource'), top.problems);
    extensions = top.object('extensions', false);
  }
  const accepts = value.accepts;
  if (!Array.isArray(accepts)) top.add('missing_field', 'accepts', 'accepts must be a list of payment options');
  else if (accepts.length === 0) top.add('no_requirements', 'accepts', 'accepts is empty: the server offers no way to pay');
  else if (accepts.length > LIMITS.accepts) {
    top.add('too_large', 'accepts', `accepts has ${accepts.length} options; the limit is ${LIMITS.accepts}`);
  }
  if (top.problems.length > 0 || !Array.isArray(accepts)) return { ok: false, problems: top.problems };

  const requirements: ExactEvmRequirement[] = [];
  const ignored: { index: number; problems: Problem[] }[] = [];
  accepts.forEach((entry, index) => {
    const r = parseRequirement(entry, version, index, resource);
    if (r.ok) {
      if (version === 2) r.value.echo = { accepted: entry as Record<string, unknown>, resource: value.resource, extensions };
      requirements.push(r.value);
    } else ignored.push({ index, problems: r.problems });
  });
  if (requirements.length === 0) {
    const summary = problem('no_usable_option', 'accepts', `none of the ${accepts.length} payment option(s) can be paid by Emissary`);
    return { ok: false, problems: [summary, ...ignored.flatMap((i) => i.problems)] };
  }
  return { ok: true, value: { x402Version: version, error, requirements, ignored } };
}

function readResource(r: FieldReader, sink: Problem[], urlKey = 'url', descriptionRequired = false): ResourceInfo | undefined {
  const url = r.string(urlKey, { max: LIMITS.url, nonEmpty: true });
  const bad = url === undefined ? undefined : checkHttpUrl(url);
  if (bad) r.add('bad_field', urlKey, `${r.at(urlKey)} ${bad}`);
  const description = r.string('description', { max: LIMITS.description, required: descriptionRequired });
  const mimeType = r.string('mimeType', { max: LIMITS.mimeType, required: false });
  sink.push(...r.problems);
  if (r.problems.length > 0 || url === undefined) return undefined;
  return { url, ...(description ? { description } : {}), ...(mimeType ? { mimeType } : {}) };
}

function readAddress(r: FieldReader, key: string): Address | undefined {
  const raw = r.raw(key);
  if (raw === undefined || raw === null) return r.add('missing_field', key, `${r.at(key)} is missing`);
  try {
    const a = parseAddress(raw, r.at(key));
    if (a === ZERO_ADDRESS) return r.add('bad_address', key, `${r.at(key)} is the zero address`);
    return a;
  } catch (e) {
    return r.add('bad_address', key, (e as Error).message);
  }
}

function parseRequirement(
  entry: unknown,
  version: X402Version,
  index: number,
  sharedResource: ResourceInfo | undefined,
): Result<ExactEvmRequirement> {
  const path = `accepts[${index}]`;
  if (!isObject(entry)) return fail('bad_field', path, `${path} must be an object`);
  const r = new FieldReader(entry, path);

  const scheme = r.string('scheme', { max: 64, nonEmpty: true });
  if (scheme !== undefined && scheme !== 'exact') {
    return fail('unsupported_scheme', r.at('scheme'), `${r.at('scheme')} ${quote(scheme)} is not supported; Emissary pays only "exact"`);
  }
  const network = r.string('network', { max: LIMITS.networkId, nonEmpty: true });
  const chainId = network === undefined ? undefined : chainIdFromX402Network(network, version);
  if (network !== undefined && chainId === undefined) return networkProblem(r.at('network'), network, version);

  const amountKey = version === 1 ? 'maxAmountRequired' : 'amount';
  let amount: bigint | undefined;
  if (r.raw(amountKey) === undefined) r.add('missing_field', amountKey, `${r.at(amountKey)} is missing`);
  else {
    try {
      amount = parseUintString(r.raw(amountKey), { what: r.at(amountKey) });
      if (amount === 0n) amount = r.add('bad_amount', amountKey, `${r.at(amountKey)} is zero`);
    } catch (e) {
      r.add('bad_amount', amountKey, (e as Error).message);
    }
  }
  const asset = readAddress(r, 'asset');
  const payTo = readAddress(r, 'payTo');
  const maxTimeoutSeconds = r.integer('maxTimeoutSeconds', 1, LIMITS.maxTimeoutSeconds);

  let token: { name: string; version: string } | undefined;
  const extra = r.object('extra');
  if (extra) {
    const x = new FieldReader(extra, r.at('extra'));
    const name = x.string('name', { max: LIMITS.tokenField, nonEmpty: true });
    const tokenVersion = x.string('version', { max: LIMITS.tokenField, nonEmpty: true });
    const method = x.raw('assetTransferMethod');
    if (method !== undefined && method !== 'eip3009') {
      x.add('unsupported_transfer_method', 'assetTransferMethod', `${x.at('assetTransferMethod')} ${quote(method)} is not supported; Emissary signs only EIP-3009 authorizations`);
    }
    r.problems.push(...x.problems);
    if (name !== undefined && tokenVersion !== undefined) token = { name, version: tokenVersion };
  }

  const resource = version === 1 ? readResource(r, [], 'resource', true) : sharedResource;
  if (r.problems.length > 0 || !resource || !token || scheme === undefined || network === undefined) {
    return { ok: false, problems: r.problems.length > 0 ? r.problems : [problem('bad_field', path, `${path} is incomplete`)] };
  }
  return {
    ok: true,
    value: {
      x402Version: version,
      scheme: 'exact',
      network,
      chainId: chainId as number,
      amount: amount as bigint,
      asset: asset as Address,
      payTo: payTo as Address,
      maxTimeoutSeconds: maxTimeoutSeconds as number,
      token,
      resource,
      index,
      echo: { accepted: entry },
    },
  };
}

function networkProblem(path: string, network: string, version: X402Version): Result<never> {
  if (version === 1) return fail('unsupported_network', path, `${path} ${quote(network)} is not an EVM network Emissary knows`);
  try {
    const { namespace } = parseCaip2(network);
    return fail('unsupported_network', path, `${path} ${quote(network)} is a ${namespace} chain; Emissary pays only on EVM (eip155) chains`);
  } catch {
    return fail('bad_field', path, `${path} ${quote(network)} is not a CAIP-2 chain id like "eip155:8453"`);
  }
}

/** What the wallet is willing to pay with. */
export interface PaymentSupport {
  /** Chains the wallet pays on, most preferred first. */
  chainIds: readonly number[];
  /** Token allow-list; when given, only these (chainId, contract) pairs are payable. */
  assets?: readonly { chainId: number; address: string }[];
}

/**
 * Pick the option to pay: the user's most preferred chain first, then the server's order.
 * Options on disabled chains or with tokens outside the allow-list are refused with reasons.
 */
export function selectRequirement(
  requirements: readonly ExactEvmRequirement[],
  supported: PaymentSupport,
): Result<ExactEvmRequirement> {
  const problems: Problem[] = [];
  const candidates: { req: ExactEvmRequirement; rank: number }[] = [];
  for (const req of requirements) {
    const path = `accepts[${req.index}]`;
    const rank = supported.chainIds.indexOf(req.chainId);
    if (rank < 0) {
      problems.push(problem('not_enabled', path, `${chainName(req.chainId)} (${req.chainId}) is not enabled for payments`));
      continue;
    }
    const allowed =
      !supported.assets ||
      supported.assets.some((a) => a.chainId === req.chainId && a.address.toLowerCase() === req.asset.toLowerCase());
    if (!allowed) {
      problems.push(problem('not_enabled', path, `token ${req.asset} on ${chainName(req.chainId)} is not on the allow-list`));
      continue;
    }
    candidates.push({ req, rank });
  }
  if (candidates.length === 0) {
    if (problems.length === 0) problems.push(problem('no_usable_option', 'accepts', 'there are no payment options'));
    return { ok: false, problems };
  }
  candidates.sort((a, b) => a.rank - b.rank || a.req.index - b.req.index);
  return { ok: true, value: candidates[0].req };
}
