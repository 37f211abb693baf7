// A fetch that pays: on HTTP 402 it reads the x402 offer (v1 body or v2 header), picks an option
// Emissary may pay, refuses with an explanation when it must, reserves the payment against the
// site's budget (or queues it for the human), then signs once, persists, sends and records the
// settlement. Every status change is in idb before the next step acts.
import { randomBytes as cryptoRandomBytes } from '@noble/hashes/utils.js';
import { bytesToHex } from '../../protocols/evm/bytes';
import { formatTokenAmount } from '../../protocols/evm/units';
import { buildExactEvmTypedData, parsePaymentRequired, selectRequirement, type ExactEvmRequirement } from '../../protocols/x402';
import { getPayment, reservePayment, transitionPayment, type PaymentIntent } from '../../store/payments';
import type { PaymentStatus } from '../../store/schema';
import { siteName } from '../../wallet/budget';
import { normalizeRequest, originOf, peekBody, storableRequest, toFetchInit, type PaidRequestInit } from './request';
import { iso, signAndSend, toStoredRequirement, withClaim, type PaymentDeps } from './steps';
import { findAsset, type AllowedAsset } from '../../wallet/assets';

export interface PaidFetchRequest {
  /** The origin on whose behalf Emissary fetches (from the browser: sender or active tab). */
  origin: string;
  url: string;
  init?: PaidRequestInit;
}

export interface PaidFetchDeps extends PaymentDeps {
  /** Tokens Emissary pays with; also where symbol and decimals come from. */
  allowedAssets: readonly AllowedAsset[];
  /** Resolves when the human decides in the popup (PaymentApprovals.awaitDecision). */
  awaitDecision: (paymentId: string) => Promise<'approved' | 'rejected'>;
  /** Test hook; defaults to the platform CSPRNG. Nonces must be 32 fresh random bytes each. */
  randomBytes?: (length: number) => Uint8Array;
}

export interface PaidFetchResult {
  /** The final answer: the paid response, or the site's 402 when nothing was paid. */
  response: Response;
  /** Set once a payment record exists. */
  paymentId?: string;
  status?: PaymentStatus;
  /** Why Emissary did not pay, or why the payment did not complete, in plain words. */
  refusal?: string;
}

const problemsText = (problems: { message: string }[]) => problems.map((p) => p.message).slice(0, 4).join('; ');

export async function paidFetch(request: PaidFetchRequest, deps: PaidFetchDeps): Promise<PaidFetchResult> {
  const req = normalizeRequest(request.init);
  const first = await deps.fetch(request.url, toFetchInit(req));
  if (first.status !== 402) return { response: first };
  const site = siteName(originOf(request.url) ?? request.origin);
  const refuse = (refusal: string): PaidFetchResult => ({ response: first, refusal });

  const offer = parsePaymentRequired(402, first.headers, await peekBody(first));
  if (!offer.ok) return refuse(`${site} asks for a payment Emissary cannot read: ${problemsText(offer.problems)}.`);
  const assets = deps.allowedAssets;
  const chosen = selectRequirement(offer.value.requirements, {
    chainIds: [...new Set(assets.map((a) => a.chainId))],
    assets: assets.map((a) => ({ chainId: a.chainId, address: a.asset })),
  });
  if (!chosen.ok) return refuse(`Emissary cannot pay ${site}: ${problemsText(chosen.problems)}.`);
  const q = chosen.value;
  const token = findAsset(assets, q.chainId, q.asset) as AllowedAsset;
  const refusal = refusalFor(q, token, site);
  if (refusal) return refuse(refusal);

  const now = deps.now();
  const issuedAt = Math.floor(now / 1000);
  const nonce = bytesToHex((deps.randomBytes ?? cryptoRandomBytes)(32));
  let intent: PaymentIntent;
  try {
    const typedData = buildExactEvmTypedData(q, deps.evmAddress, issuedAt, nonce);
    intent = {
      id: crypto.randomUUID(),
      origin: request.origin,
      url: request.url,
      request: storableRequest(req),
      resourceUrl: q.resource.url,
      ...(q.resource.description !== undefined ? { description: q.resource.description } : {}),
      chainId: q.chainId,
      asset: q.asset,
      token: { symbol: token.symbol, decimals: token.decimals, name: q.token.name, version: q.token.version },
      payTo: q.payTo,
      from: typedData.message.from,
      amount: q.amount.toString(),
      validAfter: Number(typedData.message.validAfter),
      validBefore: Number(typedData.message.validBefore),
      issuedAt,
      nonce: typedData.message.nonce,
      typedData,
      x402Version: q.x402Version,
      requirement: toStoredRequirement(q),
      warnings: warningsFor(request, q),
    };
  } catch (e) {
    return refuse(`Emissary cannot pay ${site}: ${(e as Error).message}.`);
  }
  const reservation = await reservePayment(intent, now, intent.warnings[0]);
  if (!reservation.ok) return refuse(reservation.reason);
  const id = reservation.record.id;
  deps.notify(id);

  const result = await withClaim(deps, id, async (): Promise<PaidFetchResult> => {
    let record = reservation.record;
    if (record.status === 'awaiting-approval') {
      await waitForDecision(id, record.validBefore, deps);
      const decided = await getPayment(id);
      if (decided?.status !== 'approved') {
        const why = decided?.status === 'rejected' ? `You declined the payment to ${site}.` : (decided?.error ?? 'The payment was not approved.');
        return { response: first, paymentId: id, status: decided?.status, refusal: why };
      }
      record = decided;
    }
    const out = await signAndSend(record, deps, req);
    return { response: out.response ?? first, paymentId: id, status: out.record?.status, ...(out.refusal ? { refusal: out.refusal } : {}) };
  });
  return result ?? { response: first, paymentId: id, refusal: 'This payment is already being processed.' };
}

/** Refusals that need no human: the answer would be no whatever they said. */
function refusalFor(q: ExactEvmRequirement, token: AllowedAsset, site: string): string | undefined {
  const fmt = (v: bigint) => formatTokenAmount(v, token.decimals, token.symbol);
  if (token.maxAmount !== undefined && q.amount > BigInt(token.maxAmount)) {
    return `${site} asks for ${fmt(q.amount)}, above Emissary's limit of ${fmt(BigInt(token.maxAmount))} for one payment.`;
  }
  if ((token.name !== undefined && token.name !== q.token.name) || (token.version !== undefined && token.version !== q.token.version)) {
    return (
      `${site} describes the ${token.symbol} contract as “${q.token.name}” version “${q.token.version}”, but it is ` +
      `“${token.name ?? q.token.name}” version “${token.version ?? q.token.version}”; Emissary does not sign for a token it cannot identify.`
    );
  }
  return undefined;
}

/** Reasons this payment must be asked about even within a budget. */
function warningsFor(request: PaidFetchRequest, q: ExactEvmRequirement): string[] {
  const warnings: string[] = [];
  const fetched = originOf(request.url);
  const resource = originOf(q.resource.url);
  if (resource !== fetched) warnings.push(`the site says this pays for ${q.resource.url}, which is not where Emissary sent the request (${fetched})`);
  if (fetched !== request.origin) warnings.push(`the request goes to ${fetched}, not to the site that asked (${request.origin})`);
  return warnings;
}

/** Waits for the human, but not past the authorization's window: then it expires, unsigned. */
async function waitForDecision(id: string, validBefore: number, deps: PaidFetchDeps): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<'expired'>((resolve) => {
    timer = setTimeout(() => resolve('expired'), Math.max(0, validBefore * 1000 - deps.now()));
  });
  try {
    const decision = await Promise.race([deps.awaitDecision(id).catch(() => 'rejected' as const), expired]);
    if (decision === 'expired') {
      const error = `No decision before it expired at ${iso(validBefore)}; nothing was signed.`;
      if (await transitionPayment(id, ['awaiting-approval'], { status: 'failed', error }, deps.now())) deps.notify(id);
    }
  } finally {
    clearTimeout(timer);
  }
}
