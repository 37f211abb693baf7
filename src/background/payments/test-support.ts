// Test-only: an in-process x402 resource server (v1 and v2) with a mini facilitator that checks the
// signature, amount, payee, window and nonce like the reference one, and a counting signer.
import { hexToBytes } from '../../protocols/evm/bytes';
import { buildAuthorizationTypedData } from '../../protocols/evm/eip3009';
import { recoverTypedDataAddress, signTypedData } from '../../protocols/evm/sign';
import { encodeBase64Json, HEADERS, parsePaymentPayload } from '../../protocols/x402';
import examples from '../../protocols/x402/testdata/payments-md-examples.json';
import { db } from '../../store/db';
import type { AllowedAsset } from '../../wallet/assets';

// Anvil/Hardhat dev account #0 (public test key).
export const PAYER = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const KEY = hexToBytes('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
export const USDC = examples.paymentRequiredV2.accepts[0].asset;
export const PAY_TO = examples.paymentRequiredV2.accepts[0].payTo;
export const OTHER_PAY_TO = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
export const ORIGIN = 'https://api.example.com';
export const URL_ = 'https://api.example.com/premium-data';
export const ASSETS: AllowedAsset[] = [{ chainId: 84532, asset: USDC, symbol: 'USDC', decimals: 6, name: 'USDC', version: '2' }];

export function clock(start = 1_740_672_000_000) {
  const c = { ms: start, now: () => c.ms };
  return c;
}

/** Signs with the dev key and counts completed signatures; `hang` makes it never return (a kill mid-signing). */
export function countingSigner() {
  const s = {
    count: 0,
    hang: false,
    /** When set, signing waits for it (a slow signer). */
    gate: undefined as Promise<void> | undefined,
    calls: 0,
    sign: async (td: Parameters<typeof signTypedData>[0]) => {
      s.calls++;
      if (s.hang) return new Promise<string>(() => undefined);
      if (s.gate) await s.gate;
      s.count++;
      return signTypedData(td, KEY);
    },
  };
  return s;
}

export interface ServerOptions {
  version: 1 | 2;
  amount?: string;
  /** Answer every paid request with a 402 again. */
  second402?: boolean;
  /** On the paid request, ask again for payment to this address. */
  payToAfter?: string;
  /** Settle but send no receipt header. */
  noReceipt?: boolean;
  /** What the 402 says the resource is (default URL_). */
  resource?: string;
  extraName?: string;
  network?: string;
}

export function x402Server(opts: ServerOptions, now: () => number) {
  const used = new Set<string>();
  const server = { paidRequests: 0, settlements: [] as { nonce: string; value: string }[], paymentHeaders: [] as string[], requests: [] as RequestInit[] };
  const amount = opts.amount ?? '10000';
  const v1 = opts.version === 1;
  const offer = (payTo: string, error: string) => {
    if (v1) {
      const base = examples.paymentRequiredV1;
      const accepts = [{ ...base.accepts[0], maxAmountRequired: amount, payTo, resource: opts.resource ?? URL_, extra: { name: opts.extraName ?? 'USDC', version: '2' }, network: opts.network ?? 'base-sepolia' }];
      return new Response(JSON.stringify({ ...base, error, accepts }), { status: 402, headers: { 'content-type': 'application/json' } });
    }
    const base = examples.paymentRequiredV2;
    const pr = {
      ...base,
      error,
      resource: { ...base.resource, url: opts.resource ?? URL_ },
      accepts: [{ ...base.accepts[0], amount, payTo, extra: { name: opts.extraName ?? 'USDC', version: '2' }, network: opts.network ?? 'eip155:84532' }],
    };
    return new Response('{}', { status: 402, headers: { [HEADERS.paymentRequired]: encodeBase64Json(pr), 'cache-control': 'no-store' } });
  };
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    server.requests.push(init);
    const headers = new Headers(init.headers);
    const header = headers.get(v1 ? HEADERS.xPayment : HEADERS.paymentSignature);
    if (!header) return offer(PAY_TO, `${v1 ? HEADERS.xPayment : HEADERS.paymentSignature} header is required`);
    server.paidRequests++;
    server.paymentHeaders.push(header);
    const p = parsePaymentPayload(header);
    if (!p.ok) return offer(PAY_TO, 'invalid_payload');
    const a = p.value.authorization;
    if (opts.payToAfter) return offer(opts.payToAfter, 'invalid_exact_evm_payload_recipient_mismatch');
    if (opts.second402) return offer(PAY_TO, 'unexpected_settle_error');
    const td = buildAuthorizationTypedData('TransferWithAuthorization', { name: 'USDC', version: '2', chainId: 84532, verifyingContract: USDC }, a);
    const nowS = Math.floor(now() / 1000);
    if (recoverTypedDataAddress(td, p.value.signature) !== a.from) return offer(PAY_TO, 'invalid_exact_evm_payload_signature');
    if (a.to !== PAY_TO || a.value !== amount) return offer(PAY_TO, 'invalid_exact_evm_payload_authorization_value_mismatch');
    if (Number(a.validBefore) < nowS + 6 || Number(a.validAfter) > nowS) return offer(PAY_TO, 'invalid_exact_evm_payload_authorization_valid_before');
    if (used.has(a.nonce)) return offer(PAY_TO, 'invalid_exact_evm_nonce_already_used');
    used.add(a.nonce);
    server.settlements.push({ nonce: a.nonce, value: a.value });
    const tx = `0x${(server.settlements.length).toString(16).padStart(64, '0')}`;
    const receipt = encodeBase64Json({ success: true, transaction: tx, network: v1 ? 'base-sepolia' : 'eip155:84532', payer: a.from });
    const h: Record<string, string> = { 'content-type': 'application/json' };
    if (!opts.noReceipt) h[v1 ? HEADERS.xPaymentResponse : HEADERS.paymentResponse] = receipt;
    return new Response(JSON.stringify({ report: 'paid content', url }), { status: 200, headers: h });
  };
  return { server, fetch };
}

export async function clearPaymentStores(): Promise<void> {
  const d = await db();
  await d.clear('payments');
  await d.clear('budgets');
}
