// The demo shop's AITP agent: a real T01 threads endpoint, deterministic (no language model). It greets,
// offers products (AITP-02 request_decision), asks where to ship (AITP-03 request_data), sends a quote signed
// with its ed25519 key (AITP-01; its merchant id is the NEAR implicit account of that key, so the key is
// public), takes the payment over x402 (the official resource server and the demo facilitator settle an
// EIP-3009 TransferWithAuthorization of TestUSDC on the local chain), checks the payer's signature and
// confirms (payment_confirmation, signed). On request it asks for a NEP-413 signature (AITP-04) and an
// EIP-712 signature (AITP-05) and verifies both; wrong ones are rejected in words.
//
// Everything it verifies is checked with code independent of Emissary's: node:crypto for ed25519, a
// hand-written borsh encoder for NEP-413, viem for EIP-191 / EIP-712, `canonicalize` (JCS) for what is signed.
//
// Routes under `basePath` (default /aitp):
//   GET  /aitp                                  what this agent is (name, transport, capabilities, merchant key)
//   POST /aitp/v1/thread                        T01 create thread (actors: array, or JSON text as the Hub sends)
//   POST|GET /aitp/v1/threads/:id               the thread
//   GET  /aitp/v1/threads/:id/messages          list (?after=<message id>)
//   POST /aitp/v1/threads/:id/messages          add a user message; the agent answers at once (spec dialect)
//   POST /aitp/v1/threads                       Hub dialect create; then messages + POST …/runs (stream: SSE)
//   GET  /aitp/pay/:quoteId/v2/report           x402 v2: pays the quote
import { createHash, createPrivateKey, createPublicKey, randomBytes, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import canonicalize from 'canonicalize';
import { getAddress, verifyMessage, verifyTypedData, type Address, type Hex } from 'viem';
import { base58 } from '@scure/base';
import { createPaidApi, readBody, sendJson, type PaidApi } from '../paid';

const CAP = (slug: string) => `https://aitp.dev/capabilities/${slug}/v1.0.0/schema.json`;
export const AITP_SCHEMAS = {
  payments: CAP('aitp-01-payments'),
  decisions: CAP('aitp-02-decisions'),
  data: CAP('aitp-03-data-request'),
  near: CAP('aitp-04-near-wallet'),
  evm: CAP('aitp-05-evm-wallet'),
};

export const AITP_PRODUCTS = [
  { id: 'p-espresso', name: 'Espresso beans, 1 kg', price: '18.50', rating: 4.6, reviews: 212, description: 'Dark roast, chocolate and cherry.' },
  { id: 'p-grinder', name: 'Hand grinder', price: '64.00', rating: 4.3, reviews: 57, description: 'Ceramic burrs, 30 settings.' },
  { id: 'p-mug', name: 'Stoneware mug', price: '2.50', rating: 4.8, reviews: 940, description: 'Hand glazed, 300 ml.', variants: [['p-mug-blue', 'Blue'], ['p-mug-sand', 'Sand']] },
] as const;

export interface AitpAgentPayments {
  chainId: number;
  token: { address: Address; name: string; version: string; decimals: number; symbol: string };
  payTo: Address;
  facilitatorUrl: string;
}

export interface AitpAgentOptions {
  basePath?: string;
  /** Where quotes are paid; without it the quote offers nothing payable. */
  payments?: AitpAgentPayments;
  /** 32-byte ed25519 seed of the merchant key; fixed by default so runs are reproducible. */
  merchantSeed?: Uint8Array;
  now?: () => number;
}

type Content = string;
interface StoredMessage {
  id: string;
  thread_id: string;
  created_at: number;
  role: 'user' | 'assistant';
  metadata: { actor: string };
  content: Content[];
}
interface Quote { quoteId: string; productId: string; name: string; quantity: number; amount: string; atomic: bigint; paid?: PaidApi; confirmed?: string }
interface ThreadState {
  id: string;
  dialect: 'spec' | 'hub';
  created_at: number;
  actors: unknown[];
  messages: StoredMessage[];
  /** Open requests by id → what they ask. */
  decisionId?: string;
  dataId?: string;
  choice?: { productId: string; name: string; quantity: number; price: string };
  shipping?: Record<string, string>;
  quote?: Quote;
  near?: { requestId: string; nonce: Buffer; recipient: string; message: string };
  evm?: { requestId: string; typedData: { domain: Record<string, unknown>; types: Record<string, { name: string; type: string }[]>; primaryType: string; message: Record<string, unknown> } };
  payer?: Address;
  processed: number;
}

/** One line per message: the e2e closing note reads counts and timings from here. */
export interface AgentEvent { at: number; thread: string; role: 'user' | 'assistant'; type: string }

export interface AitpAgent {
  basePath: string;
  /** The public key its merchant id names (hex = NEAR implicit account). */
  merchantId: string;
  threads: Map<string, ThreadState>;
  events: AgentEvent[];
  /** What the agent rejected, in words (tests read it). */
  rejections: string[];
  /** Set to true to sign the next quote wrongly (a tampered quote). */
  faults: { badQuoteSignature: boolean };
  handle(req: IncomingMessage, res: ServerResponse, url: URL): boolean;
}

const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');
const AGENT_ACTOR = 'demo-shop-agent';
const NEP413_TAG = 2147484061;

/** "18.50" × 3 → "55.50" and atomic units of a 6-decimal token, without floating point. */
export function multiplyPrice(price: string, quantity: number, decimals: number): { amount: string; atomic: bigint } {
  const [whole, frac = ''] = price.split('.');
  const cents = BigInt(whole + frac.padEnd(2, '0').slice(0, 2)) * BigInt(quantity);
  const amount = `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
  return { amount, atomic: cents * 10n ** BigInt(decimals - 2) };
}

function borshString(s: string): Buffer {
  const b = Buffer.from(s, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(b.length);
  return Buffer.concat([len, b]);
}

function nep413Digest(message: string, nonce: Buffer, recipient: string): Buffer {
  const tag = Buffer.alloc(4);
  tag.writeUInt32LE(NEP413_TAG);
  return createHash('sha256').update(Buffer.concat([tag, borshString(message), nonce, borshString(recipient), Buffer.from([0])])).digest();
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function createAitpAgent(options: AitpAgentOptions = {}): AitpAgent {
  const basePath = (options.basePath ?? '/aitp').replace(/\/+$/, '');
  const now = options.now ?? (() => Date.now());
  const seed = Buffer.from(options.merchantSeed ?? new Uint8Array(32).fill(42));
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
  const publicRaw = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(-32);
  const merchantId = publicRaw.toString('hex');
  const threads = new Map<string, ThreadState>();
  const events: AgentEvent[] = [];
  const rejections: string[] = [];
  const faults = { badQuoteSignature: false };
  const paidApis = new Map<string, PaidApi>();
  let counter = 0;
  const nextId = (prefix: string) => `${prefix}_${(++counter).toString(36)}${randomBytes(3).toString('hex')}`;

  const merchantSign = (type: string, body: Record<string, unknown>) => {
    const signature = nodeSign(null, Buffer.from(`aitp-01-payments/${type}:${canonicalize(body)}`), privateKey);
    if (type === 'quote' && faults.badQuoteSignature) signature[0] ^= 1;
    return `ed25519:${base58.encode(signature)}`;
  };

  function post(t: ThreadState, role: 'user' | 'assistant', content: string, type = 'text'): StoredMessage {
    const m: StoredMessage = {
      id: nextId('msg'), thread_id: t.id, created_at: Math.floor(now() / 1000), role,
      metadata: { actor: role === 'assistant' ? AGENT_ACTOR : 'user' }, content: [content],
    };
    t.messages.push(m);
    events.push({ at: now(), thread: t.id, role, type });
    return m;
  }
  const say = (t: ThreadState, text: string) => post(t, 'assistant', text);
  const send = (t: ThreadState, schema: string, type: string, body: unknown) => post(t, 'assistant', JSON.stringify({ $schema: schema, [type]: body }), type);
  const reject = (t: ThreadState, why: string) => {
    rejections.push(why);
    say(t, why);
  };

  function offerProducts(t: ThreadState) {
    t.decisionId = nextId('rd');
    const valid = new Date(now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    send(t, AITP_SCHEMAS.decisions, 'request_decision', {
      id: t.decisionId, title: 'What would you like?', description: 'Pick one product and how many.', type: 'products',
      options: AITP_PRODUCTS.map((p) => ({
        id: p.id, name: p.name, description: p.description, five_star_rating: p.rating, reviews_count: p.reviews,
        quote: { type: 'Quote', quote_id: `list-${p.id}`, payee_id: merchantId, valid_until: valid,
          payment_plans: [{ plan_id: `plan-${p.id}`, plan_type: 'one-time', amount: Number(p.price), currency: 'USD' }] },
        ...('variants' in p ? { variants: p.variants.map(([id, short]) => ({ id, name: `${p.name} (${short})`, short_variant_name: short })) } : {}),
      })),
    });
  }

  function askShipping(t: ThreadState) {
    t.dataId = nextId('rq');
    send(t, AITP_SCHEMAS.data, 'request_data', {
      id: t.dataId, title: 'Where should we ship it?', description: 'We ship worldwide in 2 days.', fillButtonLabel: 'Send address',
      form: { fields: [
        { id: 'name', label: 'Full name', type: 'text', required: true, autocomplete: 'shipping name' },
        { id: 'email', label: 'Email', type: 'email', required: true, autocomplete: 'email' },
        { id: 'street', label: 'Street address', type: 'text', required: true, autocomplete: 'shipping address-line1' },
        { id: 'city', label: 'City', type: 'text', required: true, autocomplete: 'shipping address-level2' },
        { id: 'postal', label: 'Postal code', type: 'text', required: true, autocomplete: 'shipping postal-code' },
        { id: 'country', label: 'Country', type: 'text', required: true, autocomplete: 'shipping country-name' },
        { id: 'phone', label: 'Phone (for the courier)', type: 'tel', required: false, autocomplete: 'tel' },
      ] },
    });
  }

  function sendQuote(t: ThreadState, origin: string) {
    const c = t.choice!;
    const pay = options.payments;
    const { amount, atomic } = multiplyPrice(c.price, c.quantity, pay?.token.decimals ?? 6);
    const quoteId = nextId('q');
    const quote: Quote = { quoteId, productId: c.productId, name: c.name, quantity: c.quantity, amount, atomic };
    const methods = [];
    if (pay) {
      const api = createPaidApi({
        chainId: pay.chainId, token: pay.token, payTo: pay.payTo, facilitatorUrl: pay.facilitatorUrl,
        basePath: `${basePath}/pay/${quoteId}`, price: atomic, maxTimeoutSeconds: 300,
        description: `Demo Coffee Shop order ${quoteId}: ${c.name} ×${c.quantity}`,
      });
      paidApis.set(quoteId, api);
      quote.paid = api;
      methods.push({ type: 'x402', token: `eip155:${pay.chainId}/erc20:${pay.token.address}`, recipient: pay.payTo, url: `${origin}${api.paths.v2}` });
    } else {
      methods.push({ type: 'near_payment_channel', token: 'usdc.near', recipient: merchantId });
    }
    t.quote = quote;
    const body: Record<string, unknown> = {
      quote_id: quoteId, merchant_id: merchantId, description: `${c.name} ×${c.quantity}, shipped to ${t.shipping?.city ?? 'you'}`,
      expiration: new Date(now() + 15 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      payment_options: [{ amount, currency: pay?.token.symbol ?? 'USDC', payment_methods: methods }],
      revenue_share: { affiliate_share_bps: 100, affiliates: [{ id: 'emissary', role: 'personal_assistant', weight: 1 }] },
    };
    send(t, AITP_SCHEMAS.payments, 'quote', { ...body, merchant_signature: merchantSign('quote', body) });
  }

  async function takePayment(t: ThreadState, p: Record<string, unknown>) {
    const q = t.quote;
    const pm = isObj(p.payment_method) ? p.payment_method : {};
    const confirm = (result: 'success' | 'failure', message: string, details: { label: string; value: string; url?: string }[] = []) => {
      const body: Record<string, unknown> = {
        quote_id: q?.quoteId ?? String(p.quote_id ?? ''), payment_id: nextId('pay'), result,
        timestamp: new Date(now()).toISOString().replace(/\.\d{3}Z$/, 'Z'), message, ...(details.length ? { details } : {}),
      };
      if (result === 'failure') rejections.push(message);
      send(t, AITP_SCHEMAS.payments, 'payment_confirmation', { ...body, merchant_signature: merchantSign('payment_confirmation', body) });
    };
    if (!q || p.quote_id !== q.quoteId) return confirm('failure', 'That payment names a quote I did not make.');
    if (q.confirmed) return confirm('failure', `Quote ${q.quoteId} is already paid.`);
    if (pm.type !== 'x402' || typeof pm.channel_id !== 'string' || pm.amount !== q.amount) return confirm('failure', 'The payment method or amount does not match the quote.');
    let payer: Address;
    try {
      payer = getAddress(String(p.payer_id));
    } catch {
      return confirm('failure', 'payer_id is not an EVM address.');
    }
    const { payer_signature: signature, ...unsigned } = p;
    const signedText = `aitp-01-payments/payment:${canonicalize(unsigned)}`;
    const sigOk = await verifyMessage({ address: payer, message: signedText, signature: String(signature) as Hex }).catch(() => false);
    if (!sigOk) return confirm('failure', 'The payer signature does not verify: payment refused.');
    const settlement = q.paid?.settlements.find((s) => s.transaction.toLowerCase() === String(pm.channel_id).toLowerCase());
    if (!settlement) return confirm('failure', `No settlement ${String(pm.channel_id).slice(0, 20)}… was made for quote ${q.quoteId}.`);
    if (settlement.payer.toLowerCase() !== payer.toLowerCase() || settlement.amount !== q.atomic) {
      return confirm('failure', 'The settlement was made by someone else or for another amount.');
    }
    q.confirmed = settlement.transaction;
    t.payer = payer;
    confirm('success', `Thank you! ${q.name} ×${q.quantity} ships to ${t.shipping?.city ?? 'you'} in 2 days.`, [
      { label: 'Order', value: `order-${q.quoteId}` },
      { label: 'Paid', value: `${q.amount} ${options.payments?.token.symbol ?? 'USDC'}` },
      { label: 'Transaction', value: settlement.transaction },
      { label: 'Ships to', value: `${t.shipping?.name ?? ''}, ${t.shipping?.city ?? ''}` },
    ]);
    say(t, "Your order is confirmed. Say 'near' to link your NEAR account, or 'sign order' to sign the order with your EVM key.");
  }

  function askNear(t: ThreadState, origin: string) {
    const nonce = randomBytes(32);
    const recipient = new URL(origin).host;
    const message = `Link your NEAR account to the Demo Coffee Shop${t.quote ? ` (order ${t.quote.quoteId})` : ''}`;
    t.near = { requestId: nextId('near'), nonce, recipient, message };
    send(t, AITP_SCHEMAS.near, 'request_message_signing', {
      request_id: t.near.requestId, description: 'Prove which NEAR account is yours (NEP-413).',
      message: { nonce: nonce.toString('base64'), recipient, message },
    });
  }

  function askEvm(t: ThreadState) {
    const pay = options.payments;
    const typedData = {
      domain: { name: 'Demo Coffee Shop', version: '1', chainId: pay?.chainId ?? 31337 },
      types: {
        EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'version', type: 'string' }, { name: 'chainId', type: 'uint256' }],
        Order: [{ name: 'orderId', type: 'string' }, { name: 'item', type: 'string' }, { name: 'quantity', type: 'uint256' }, { name: 'amount', type: 'uint256' }],
      },
      primaryType: 'Order',
      message: { orderId: t.quote ? `order-${t.quote.quoteId}` : 'order-none', item: t.quote?.name ?? 'nothing yet', quantity: String(t.quote?.quantity ?? 0), amount: String(t.quote?.atomic ?? 0n) },
    };
    t.evm = { requestId: nextId('evm'), typedData };
    send(t, AITP_SCHEMAS.evm, 'request_message_signing', {
      request_id: t.evm.requestId, description: 'Sign your order so we can prove you placed it (EIP-712).', signing_type: 'typed_data',
      ...(t.payer ? { address: t.payer } : {}), typed_data: typedData,
    });
  }

  function checkNear(t: ThreadState, r: Record<string, unknown>) {
    const req = t.near;
    if (!req || r.request_id !== req.requestId) return reject(t, 'That NEAR signature answers no request of mine: rejected.');
    t.near = undefined;
    const pk = typeof r.public_key === 'string' && r.public_key.startsWith('ed25519:') ? Buffer.from(base58.decode(r.public_key.slice(8))) : undefined;
    const sig = typeof r.signature === 'string' && r.signature.startsWith('ed25519:') ? Buffer.from(base58.decode(r.signature.slice(8))) : undefined;
    if (!pk || pk.length !== 32 || !sig) return reject(t, 'That NEAR signature is malformed: rejected.');
    // An implicit account is its own public key; a named one would need an RPC lookup of its access keys.
    if (r.account_id !== pk.toString('hex')) return reject(t, `The key does not belong to ${String(r.account_id).slice(0, 64)}: rejected.`);
    const key = createPublicKey({ key: Buffer.concat([SPKI_ED25519, pk]), format: 'der', type: 'spki' });
    const ok = nodeVerify(null, nep413Digest(req.message, req.nonce, req.recipient), key, sig);
    if (!ok) return reject(t, 'That NEAR signature does not verify: rejected.');
    say(t, `NEAR account ${String(r.account_id).slice(0, 12)}… verified (NEP-413). Thank you!`);
  }

  async function checkEvm(t: ThreadState, r: Record<string, unknown>) {
    const req = t.evm;
    if (!req || r.request_id !== req.requestId) return reject(t, 'That EVM signature answers no request of mine: rejected.');
    t.evm = undefined;
    const { EIP712Domain: _d, ...types } = req.typedData.types;
    let ok = false;
    try {
      ok = await verifyTypedData({ address: getAddress(String(r.address)), domain: req.typedData.domain, types, primaryType: 'Order',
        message: req.typedData.message, signature: String(r.signature) as Hex });
    } catch {
      ok = false;
    }
    if (!ok) return reject(t, 'That EIP-712 signature does not verify: rejected.');
    if (t.payer && getAddress(String(r.address)) !== t.payer) return reject(t, 'The order was signed by another address than the one that paid: rejected.');
    say(t, `Order signature from ${String(r.address).slice(0, 10)}… verified (EIP-712). All done!`);
  }

  async function react(t: ThreadState, m: StoredMessage, origin: string) {
    const text = m.content.join('\n').trim();
    const parsed = text.startsWith('{') ? parseJson(text) : undefined;
    if (isObj(parsed) && typeof parsed.$schema === 'string') {
      if (isObj(parsed.decision)) {
        const d = parsed.decision;
        const chosen = Array.isArray(d.options) && isObj(d.options[0]) ? d.options[0] : undefined;
        const product = AITP_PRODUCTS.find((p) => p.id === chosen?.id || ('variants' in p && p.variants.some(([v]) => v === chosen?.id)));
        const quantity = typeof chosen?.quantity === 'number' && Number.isSafeInteger(chosen.quantity) && chosen.quantity >= 1 && chosen.quantity <= 100 ? chosen.quantity : 1;
        if (d.request_decision_id !== t.decisionId || !product) return reject(t, 'That decision does not answer my question: please pick one of the products.');
        const variant = 'variants' in product ? product.variants.find(([v]) => v === chosen?.id)?.[1] : undefined;
        t.choice = { productId: String(chosen!.id), name: variant ? `${product.name} (${variant})` : product.name, quantity, price: product.price };
        t.decisionId = undefined;
        say(t, `${t.choice.name} ×${quantity}: good choice.`);
        return askShipping(t);
      }
      if (isObj(parsed.data)) {
        const d = parsed.data;
        if (d.request_data_id !== t.dataId || !Array.isArray(d.fields)) return reject(t, 'That data answers no request of mine.');
        const values: Record<string, string> = {};
        for (const f of d.fields) if (isObj(f) && typeof f.id === 'string' && typeof f.value === 'string') values[f.id] = f.value.slice(0, 200);
        const missing = ['name', 'email', 'street', 'city', 'postal', 'country'].filter((k) => !values[k]);
        if (missing.length) return reject(t, `I still need: ${missing.join(', ')}.`);
        t.shipping = values;
        t.dataId = undefined;
        say(t, `Thanks, ${values.name}. Here is your quote.`);
        return sendQuote(t, origin);
      }
      if (isObj(parsed.payment)) return takePayment(t, parsed.payment);
      if (isObj(parsed.message_signing_response)) {
        const r = parsed.message_signing_response;
        return 'account_id' in r || 'public_key' in r ? checkNear(t, r) : checkEvm(t, r);
      }
      return say(t, 'I received a message I do not act on.');
    }
    if (/start over|restart|products|buy/i.test(text)) return offerProducts(t);
    if (/\bnear\b/i.test(text)) return askNear(t, origin);
    if (/sign|eip-?712|evm/i.test(text)) return askEvm(t);
    say(t, "I sell coffee gear. Say 'buy' to see the products, 'near' to link a NEAR account or 'sign order' to sign your order.");
  }

  function readActors(meta: unknown): unknown[] {
    if (!isObj(meta)) return [];
    const a = typeof meta.actors === 'string' ? parseJson(meta.actors) : meta.actors;
    return Array.isArray(a) ? a : [];
  }

  const agentActor = { id: AGENT_ACTOR, client_id: 'emissary-demo-shop', capabilities: Object.values(AITP_SCHEMAS) };

  function threadJson(t: ThreadState) {
    const actors = [...t.actors, agentActor];
    return { id: t.id, object: 'thread', created_at: t.created_at, metadata: { actors: t.dialect === 'hub' ? JSON.stringify(actors) : actors, parent_id: null } };
  }

  function messageJson(t: ThreadState, m: StoredMessage) {
    if (t.dialect === 'spec') return { ...m, object: 'thread.message' };
    return { ...m, object: 'thread.message', content: m.content.map((value) => ({ type: 'text', text: { value, annotations: [] } })) };
  }

  function contentOf(body: Record<string, unknown>): string | undefined {
    if (typeof body.content === 'string') return body.content;
    if (Array.isArray(body.content)) {
      return body.content.map((c) => (typeof c === 'string' ? c : isObj(c) && isObj(c.text) ? String(c.text.value ?? '') : isObj(c) && typeof c.text === 'string' ? c.text : '')).join('\n');
    }
    return undefined;
  }

  async function runPending(t: ThreadState, origin: string) {
    while (t.processed < t.messages.length) {
      const m = t.messages[t.processed++];
      if (m.role === 'user') await react(t, m, origin);
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const origin = `${url.protocol}//${url.host}`;
    const rest = url.pathname.slice(basePath.length);
    const method = req.method ?? 'GET';
    if (rest === '' || rest === '/') {
      return sendJson(res, 200, { name: 'Demo Coffee Shop agent', protocol: 'aitp', transport: 'AITP-T01', url: `${origin}${basePath}`,
        capabilities: Object.values(AITP_SCHEMAS), merchant_id: merchantId, merchant_key: `ed25519:${base58.encode(publicRaw)}` });
    }
    const body = method === 'POST' ? parseJson(await readBody(req, 64 * 1024)) : undefined;
    if (method === 'POST' && (rest === '/v1/thread' || rest === '/v1/threads')) {
      if (!isObj(body)) return sendJson(res, 400, { error: 'body must be a JSON object' });
      const t: ThreadState = { id: nextId('thread'), dialect: rest === '/v1/threads' ? 'hub' : 'spec', created_at: Math.floor(now() / 1000), actors: readActors(body.metadata), messages: [], processed: 0 };
      threads.set(t.id, t);
      const opening = Array.isArray(body.messages) ? body.messages : [];
      for (const m of opening.slice(0, 10)) {
        const text = typeof m === 'string' ? m : isObj(m) ? contentOf(m) : undefined;
        if (text) post(t, 'user', text);
      }
      t.processed = t.messages.length;
      say(t, 'Hello! I am the Demo Coffee Shop agent. I can show you what we sell, take your order and your payment.');
      offerProducts(t);
      t.processed = t.messages.length;
      return sendJson(res, 200, threadJson(t));
    }
    const m = /^\/v1\/threads\/([^/]+)(\/messages|\/runs(?:\/([^/]+))?)?$/.exec(rest);
    if (m) {
      const t = threads.get(decodeURIComponent(m[1]));
      if (!t) return sendJson(res, 404, { error: 'no such thread' });
      if (!m[2]) return sendJson(res, 200, threadJson(t));
      if (m[2] === '/messages' && method === 'GET') {
        const after = url.searchParams.get('after');
        const from = after ? t.messages.findIndex((x) => x.id === after) + 1 : 0;
        const data = t.messages.slice(from).map((x) => messageJson(t, x));
        return sendJson(res, 200, { object: 'list', data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null });
      }
      if (m[2] === '/messages' && method === 'POST') {
        const text = isObj(body) ? contentOf(body) : undefined;
        if (!text || text.length > 20_000) return sendJson(res, 400, { error: 'content must be text (at most 20 000 characters)' });
        const created = post(t, 'user', text, text.startsWith('{') ? (Object.keys(parseJson(text) ?? {}).find((k) => k !== '$schema') ?? 'json') : 'text');
        // The spec dialect answers at once; the Hub dialect waits for a run.
        if (t.dialect === 'spec') await runPending(t, origin);
        return sendJson(res, 200, messageJson(t, created));
      }
      if (m[2].startsWith('/runs') && method === 'POST' && !m[3]) {
        const run = { id: nextId('run'), object: 'thread.run', thread_id: t.id, assistant_id: AGENT_ACTOR, status: 'completed' };
        const before = t.messages.length;
        await runPending(t, origin);
        if (isObj(body) && body.stream === true) {
          res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
          res.write(`event: thread.run.created\ndata: ${JSON.stringify({ ...run, status: 'queued' })}\n\n`);
          for (const x of t.messages.slice(before)) res.write(`event: thread.message.completed\ndata: ${JSON.stringify(messageJson(t, x))}\n\n`);
          res.write(`event: thread.run.completed\ndata: ${JSON.stringify(run)}\n\n`);
          res.end('event: done\ndata: [DONE]\n\n');
          return;
        }
        return sendJson(res, 200, run);
      }
      if (m[3]) return sendJson(res, 200, { id: m[3], object: 'thread.run', thread_id: t.id, status: 'completed' });
    }
    const pay = /^\/pay\/([^/]+)\//.exec(rest);
    const api = pay ? paidApis.get(pay[1]) : undefined;
    if (api && api.handle(req, res, url)) return;
    sendJson(res, 404, { error: 'not found' });
  }

  return {
    basePath,
    merchantId,
    threads,
    events,
    rejections,
    faults,
    handle(req, res, url) {
      if (url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) return false;
      route(req, res, url).catch((e: unknown) => sendJson(res, 500, { error: (e as Error).message }));
      return true;
    },
  };
}
