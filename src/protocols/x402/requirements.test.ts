import { describe, expect, it } from 'vitest';
import examples from './testdata/payments-md-examples.json';
import { encodeBase64Json } from './codec';
import { parsePaymentRequired, parsePaymentRequiredObject, selectRequirement } from './requirements';
import type { ExactEvmRequirement, PaymentRequired, ProblemCode, Result } from './types';

const b64 = (v: unknown) => encodeBase64Json(v);
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const v1 = () => clone(examples.paymentRequiredV1) as Record<string, unknown> & { accepts: Record<string, unknown>[] };
const v2 = () => clone(examples.paymentRequiredV2) as Record<string, unknown> & { accepts: Record<string, unknown>[] };

function ok(r: Result<PaymentRequired>): PaymentRequired {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.problems)}`);
  return r.value;
}
function problems(r: Result<unknown>): { code: ProblemCode; path: string; message: string }[] {
  if (r.ok) throw new Error('expected problems');
  return r.problems;
}
const v1Body = (body: unknown) => parsePaymentRequired(402, {}, JSON.stringify(body));
const v2Header = (obj: unknown) => parsePaymentRequired(402, { 'payment-required': b64(obj) }, '{}');

describe('parsePaymentRequired: the payments.md examples', () => {
  it('reads the v1 body', () => {
    const pr = ok(parsePaymentRequired(402, new Headers({ 'content-type': 'application/json' }), JSON.stringify(examples.paymentRequiredV1)));
    expect(pr.x402Version).toBe(1);
    expect(pr.error).toBe('X-PAYMENT header is required');
    expect(pr.ignored).toEqual([]);
    const [req] = pr.requirements;
    expect(req).toMatchObject({
      x402Version: 1, scheme: 'exact', network: 'base-sepolia', chainId: 84532, amount: 10000n,
      asset: '0x036CbD53842c5426634e7929541eC2318f3dCF7e', payTo: '0x209693Bc6afc0C5328bA36FaF03C514EF312287C',
      maxTimeoutSeconds: 60, token: { name: 'USDC', version: '2' }, index: 0,
      resource: { url: 'https://api.example.com/premium-data', description: 'Access to premium market data', mimeType: 'application/json' },
    });
  });
  it('reads the v2 PAYMENT-REQUIRED header (fetch Headers and plain records, any case)', () => {
    for (const headers of [new Headers({ 'PAYMENT-REQUIRED': b64(examples.paymentRequiredV2) }), { 'Payment-Required': b64(examples.paymentRequiredV2) }]) {
      const pr = ok(parsePaymentRequired(402, headers, ''));
      expect(pr.x402Version).toBe(2);
      const [req] = pr.requirements;
      expect(req).toMatchObject({ network: 'eip155:84532', chainId: 84532, amount: 10000n, resource: { url: 'https://api.example.com/premium-data' } });
      expect(req.echo.accepted).toEqual(examples.paymentRequiredV2.accepts[0]);
      expect(req.echo.resource).toEqual(examples.paymentRequiredV2.resource);
      expect(req.echo.extensions).toEqual({});
    }
  });
  it('prefers the v2 header over a v1 body, and accepts unpadded base64', () => {
    const header = b64(examples.paymentRequiredV2).replace(/=+$/, '');
    const pr = ok(parsePaymentRequired(402, { 'PAYMENT-REQUIRED': header }, JSON.stringify(examples.paymentRequiredV1)));
    expect(pr.x402Version).toBe(2);
  });
  it('keeps payable options and explains the others', () => {
    const body = v2();
    body.accepts = [
      { scheme: 'exact', network: 'solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp', amount: '1', asset: 'EPjF', payTo: 'abc', maxTimeoutSeconds: 60 },
      { ...body.accepts[0], scheme: 'upto' },
      { ...body.accepts[0], extra: { name: 'USDC', version: '2', assetTransferMethod: 'permit2' } },
      body.accepts[0],
    ];
    const pr = ok(v2Header(body));
    expect(pr.requirements.map((r) => r.index)).toEqual([3]);
    expect(pr.ignored.map((i) => i.problems[0].code)).toEqual(['unsupported_network', 'unsupported_scheme', 'unsupported_transfer_method']);
    expect(pr.ignored[0].problems[0].message).toMatch(/solana chain; Emissary pays only on EVM/);
  });
  it('v2 may name any eip155 chain; selection decides', () => {
    const body = v2();
    body.accepts[0].network = 'eip155:999999';
    expect(ok(v2Header(body)).requirements[0].chainId).toBe(999999);
  });
});

describe('parsePaymentRequired: hostile and broken input gives specific problems', () => {
  const codeOf = (r: Result<unknown>) => problems(r).map((p) => p.code);
  it('transport level', () => {
    expect(codeOf(parsePaymentRequired(200, {}, JSON.stringify(examples.paymentRequiredV1)))).toEqual(['not_402']);
    expect(codeOf(parsePaymentRequired(402, {}, ''))).toEqual(['no_requirements']);
    expect(codeOf(parsePaymentRequired(402, {}, '<html>pay me</html>'))).toEqual(['bad_json']);
    expect(codeOf(parsePaymentRequired(402, {}, '{"hello":1}'))).toEqual(['no_requirements']);
    expect(codeOf(parsePaymentRequired(402, {}, 'x'.repeat(70_000)))).toEqual(['too_large']);
    expect(codeOf(parsePaymentRequired(402, { 'PAYMENT-REQUIRED': 'not base64!!' }, ''))).toEqual(['bad_base64']);
    expect(problems(parsePaymentRequired(402, { 'PAYMENT-REQUIRED': 'eyJh-_' }, ''))[0].message).toMatch(/base64url/);
    expect(codeOf(parsePaymentRequired(402, { 'PAYMENT-REQUIRED': 'QUJD' }, ''))).toEqual(['bad_json']);
    expect(codeOf(parsePaymentRequired(402, { 'PAYMENT-REQUIRED': '/w==' }, ''))).toEqual(['bad_utf8']);
    expect(codeOf(parsePaymentRequired(402, { 'PAYMENT-REQUIRED': 'A'.repeat(40_000) }, ''))).toEqual(['too_large']);
    expect(codeOf(parsePaymentRequired(402, { 'PAYMENT-REQUIRED': b64(JSON.parse('['.repeat(50) + ']'.repeat(50))) }, ''))).toEqual(['too_deep']);
    expect(codeOf(v2Header({ ...v2(), x402Version: 1 }))).toEqual(['bad_version']);
    expect(codeOf(v1Body({ ...v1(), x402Version: 3 }))).toEqual(['bad_version']);
    expect(codeOf(v1Body({ ...v1(), x402Version: '1' }))).toEqual(['bad_version']);
  });
  it('top-level shape', () => {
    expect(codeOf(v1Body({ x402Version: 1 }))).toEqual(['missing_field']);
    expect(codeOf(v1Body({ x402Version: 1, accepts: [] }))).toEqual(['no_requirements']);
    expect(codeOf(v1Body({ x402Version: 1, accepts: new Array(33).fill(v1().accepts[0]) }))).toEqual(['too_large']);
    expect(codeOf(v2Header({ ...v2(), resource: undefined }))).toEqual(['missing_field']);
    expect(codeOf(v2Header({ ...v2(), resource: { url: 'javascript:alert(1)' } }))).toEqual(['bad_field']);
    expect(codeOf(v2Header({ ...v2(), extensions: [] }))).toEqual(['bad_field']);
  });

  const entryProblem = (mutate: (e: Record<string, unknown>) => void, version: 1 | 2 = 1) => {
    const body = version === 1 ? v1() : v2();
    mutate(body.accepts[0]);
    const ps = problems(version === 1 ? v1Body(body) : v2Header(body));
    expect(ps[0].code).toBe('no_usable_option');
    return ps.slice(1);
  };
  type Mutate = (e: Record<string, unknown>) => unknown;
  const cases: [string, Mutate, ProblemCode, RegExp][] = [
    ['negative amount', (e) => (e.maxAmountRequired = '-5'), 'bad_amount', /negative/],
    ['numeric amount', (e) => (e.maxAmountRequired = 10000), 'bad_amount', /decimal string/],
    ['fractional amount', (e) => (e.maxAmountRequired = '0.01'), 'bad_amount', /whole number/],
    ['exponent amount', (e) => (e.maxAmountRequired = '1e30'), 'bad_amount', /whole number/],
    ['absurd amount', (e) => (e.maxAmountRequired = '9'.repeat(80)), 'bad_amount', /too large for uint256/],
    ['zero amount', (e) => (e.maxAmountRequired = '0'), 'bad_amount', /zero/],
    ['missing amount', (e) => delete e.maxAmountRequired, 'missing_field', /maxAmountRequired is missing/],
    ['bad payTo', (e) => (e.payTo = '0x1234'), 'bad_address', /accepts\[0\]\.payTo is not an address/],
    ['bad checksum', (e) => (e.payTo = '0x209693bc6afc0C5328bA36FaF03C514EF312287C'), 'bad_address', /checksum/],
    ['zero payTo', (e) => (e.payTo = '0x0000000000000000000000000000000000000000'), 'bad_address', /zero address/],
    ['asset as object', (e) => (e.asset = { toString: 1 }), 'bad_address', /must be a string/],
    ['unknown scheme', (e) => (e.scheme = 'free-money'), 'unsupported_scheme', /"free-money" is not supported/],
    ['unknown v1 network', (e) => (e.network = 'mars'), 'unsupported_network', /"mars"/],
    ['huge timeout', (e) => (e.maxTimeoutSeconds = 86400 * 365), 'bad_field', /between 1 and 3600/],
    ['string timeout', (e) => (e.maxTimeoutSeconds = '60'), 'bad_field', /whole number/],
    ['no extra', (e) => delete e.extra, 'missing_field', /extra is missing/],
    ['no token version', (e) => (e.extra = { name: 'USDC' }), 'missing_field', /extra.version is missing/],
    ['long description', (e) => (e.description = 'x'.repeat(5000)), 'too_large', /description is longer/],
    ['non-http resource', (e) => (e.resource = 'file:///etc/passwd'), 'bad_field', /http\(s\)/],
  ];
  it.each(cases)('%s', (_name, mutate, code, re) => {
    const [first] = entryProblem(mutate);
    expect(first.code).toBe(code);
    expect(first.message).toMatch(re);
  });
  it('v2 specifics', () => {
    expect(entryProblem((e) => (e.network = 'base-sepolia'), 2)[0]).toMatchObject({ code: 'bad_field', message: /CAIP-2/ });
    expect(entryProblem((e) => (e.amount = '-1'), 2)[0]).toMatchObject({ code: 'bad_amount', path: 'accepts[0].amount' });
    expect(entryProblem((e) => (e.maxAmountRequired = e.amount) && delete e.amount, 2)[0].message).toMatch(/amount is missing/);
  });
  it('reports every problem of an entry, not just the first', () => {
    const ps = entryProblem((e) => {
      e.payTo = 'nope';
      e.asset = 'nope';
      e.maxAmountRequired = '-1';
    });
    expect(ps.map((p) => p.path).sort()).toEqual(['accepts[0].asset', 'accepts[0].maxAmountRequired', 'accepts[0].payTo']);
  });
  it('prototype keys and odd values do not confuse the parser', () => {
    const body = JSON.parse('{"x402Version":1,"accepts":[{"__proto__":{"scheme":"exact"}}]}');
    expect(problems(v1Body(body))[1].message).toMatch(/scheme is missing/);
    expect(problems(parsePaymentRequiredObject(null))[0].code).toBe('bad_field');
    expect(problems(parsePaymentRequiredObject([]))[0].code).toBe('bad_field');
  });
});

describe('selectRequirement', () => {
  const pr = (() => {
    const body = v2();
    const base = body.accepts[0];
    body.accepts = [
      { ...base, network: 'eip155:8453', asset: '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913', extra: { name: 'USD Coin', version: '2' } },
      base,
    ];
    return ok(v2Header(body));
  })();
  const reqs: ExactEvmRequirement[] = pr.requirements;
  it('follows the user\'s chain preference, then the server\'s order', () => {
    const pick = (chainIds: number[]) => {
      const r = selectRequirement(reqs, { chainIds });
      return r.ok ? r.value.chainId : r.problems.map((p) => p.message);
    };
    expect(pick([84532, 8453])).toBe(84532);
    expect(pick([8453, 84532])).toBe(8453);
    expect(pick([84532])).toBe(84532);
    expect(pick([1])).toEqual(['Base (8453) is not enabled for payments', 'Base Sepolia (84532) is not enabled for payments']);
  });
  it('applies the token allow-list', () => {
    const r = selectRequirement(reqs, { chainIds: [8453, 84532], assets: [{ chainId: 84532, address: '0x036cbd53842c5426634e7929541ec2318f3dcf7e' }] });
    expect(r.ok && r.value.chainId).toBe(84532);
    const none = selectRequirement(reqs, { chainIds: [8453], assets: [{ chainId: 84532, address: '0x036CbD53842c5426634e7929541eC2318f3dCF7e' }] });
    expect(problems(none)[0].message).toMatch(/not on the allow-list/);
    expect(problems(selectRequirement([], { chainIds: [1] }))[0].code).toBe('no_usable_option');
  });
});
