// The T01 client and the message conversion against the demo shop's AITP agent over real loopback HTTP, in
// both dialects: the agent's requests become typed records with negotiation marks; the answers Emissary
// builds are accepted; signatures are checked by the agent's own (independent) verification and wrong ones
// are rejected. No payment here (that needs the chain: see e2e/specs/aitp.e2e.ts).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ed25519 } from '@noble/curves/ed25519.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAitpAgent, type AitpAgent } from '../../../e2e/demo/aitp';
import {
  buildDataAnswer, buildDecision, buildEvmMessageSigningResponse, buildNearMessageSigningResponse, nep413Hash, parseAitpMessage, type MessageOf,
} from '../../protocols/aitp';
import { privateKeyToAddress, signTypedData } from '../../protocols/evm/sign';
import type { TypedData } from '../../protocols/evm';
import { bytesToBase58, bytesToHex } from '../../wallet/bytes';
import { AitpClient } from './client';
import { threadStateOf, toRecords } from './convert';

let agent: AitpAgent;
let server: Server;
let origin = '';
beforeAll(async () => {
  agent = createAitpAgent();
  server = createServer((req, res) => {
    if (!agent.handle(req, res, new URL(req.url ?? '/', `http://${req.headers.host}`))) res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const EVM_KEY = new Uint8Array(32).fill(0x11);
const NEAR_SEED = new Uint8Array(32).fill(0x22);

async function records(client: AitpClient, threadId: string) {
  const quotes = new Map<string, string>();
  const { messages, problems } = await client.list(threadId);
  expect(problems).toEqual([]);
  return messages.flatMap((m, i) => toRecords(m, i, quotes).map((r) => ({ ...r, id: r.remoteId!, threadId, seq: i })));
}
const last = <K extends string>(rs: Awaited<ReturnType<typeof records>>, kind: K) => rs.filter((r) => r.kind === kind).at(-1)!;
const msg = <K extends Parameters<typeof parseAitpMessage>[0] extends unknown ? string : never>(r: { body?: unknown }) => (r.body as { message: MessageOf<never> }).message as unknown as K;

describe.each(['spec', 'hub'] as const)('the demo agent, %s dialect', (dialect) => {
  const client = () => new AitpClient({ agentUrl: `${origin}/aitp${dialect === 'hub' ? '/v1' : ''}`, dialect, sleep: async () => undefined });

  it('greets, offers products, asks for the address, then quotes with a verifiable signature', async () => {
    const c = client();
    const thread = await c.createThread('emissary-test');
    expect(agent.threads.get(thread.id)!.actors).toMatchObject([{ id: 'emissary-test', client_id: 'emissary' }]);
    let rs = await records(c, thread.id);
    expect(rs[0]).toMatchObject({ direction: 'in', kind: 'text' });
    const offer = last(rs, 'aitp:request_decision');
    expect(offer.negotiation).toMatchObject({ stage: 'proposed' });
    expect(threadStateOf(rs)).toBe('waiting-for-you');

    const decision = buildDecision(msg<never>(offer) as MessageOf<'decisions.request_decision'>, [{ id: 'p-mug-sand', quantity: 2 }]);
    expect(decision.ok).toBe(true);
    await c.post(thread.id, JSON.stringify((decision as { value: object }).value));
    rs = await records(c, thread.id);
    const ask = last(rs, 'aitp:request_data');
    const data = buildDataAnswer(msg<never>(ask) as MessageOf<'data.request_data'>, { name: 'Ada Lovelace', email: 'ada@example.org', street: '1 Analytical Way', city: 'London', postal: 'N1 9GU', country: 'United Kingdom' });
    expect(data.ok).toBe(true);
    await c.post(thread.id, JSON.stringify((data as { value: object }).value));
    rs = await records(c, thread.id);
    const quote = last(rs, 'aitp:quote');
    expect(quote.negotiation).toMatchObject({ stage: 'proposed', cost: '5.00 USDC' });
    expect((quote.body as { signature: { status: string } }).signature.status).toBe('verified');
  });

  it('takes a NEP-413 signature and an EIP-712 signature, and rejects a wrong one', async () => {
    const c = client();
    const thread = await c.createThread('emissary-test');
    await c.post(thread.id, 'near please');
    let rs = await records(c, thread.id);
    const nearReq = msg<never>(last(rs, 'aitp:near.request_message_signing')) as MessageOf<'near.request_message_signing'>;
    const pub = ed25519.getPublicKey(NEAR_SEED);
    const sig = ed25519.sign(nep413Hash(nearReq.body.message), NEAR_SEED);
    const good = buildNearMessageSigningResponse(nearReq, { account_id: bytesToHex(pub), public_key: `ed25519:${bytesToBase58(pub)}`, signature: `ed25519:${bytesToBase58(sig)}` });
    await c.post(thread.id, JSON.stringify((good as { value: object }).value));
    rs = await records(c, thread.id);
    expect(rs.at(-1)!.text).toMatch(/verified \(NEP-413\)/);

    await c.post(thread.id, 'near again');
    rs = await records(c, thread.id);
    const again = msg<never>(last(rs, 'aitp:near.request_message_signing')) as MessageOf<'near.request_message_signing'>;
    const replayed = buildNearMessageSigningResponse(again, { account_id: bytesToHex(pub), public_key: `ed25519:${bytesToBase58(pub)}`, signature: `ed25519:${bytesToBase58(sig)}` });
    await c.post(thread.id, JSON.stringify((replayed as { value: object }).value));
    rs = await records(c, thread.id);
    expect(rs.at(-1)!.text).toMatch(/does not verify: rejected/);

    await c.post(thread.id, 'sign order');
    rs = await records(c, thread.id);
    const evmReq = msg<never>(last(rs, 'aitp:evm.request_message_signing')) as MessageOf<'evm.request_message_signing'>;
    if (evmReq.body.signing_type !== 'typed_data') throw new Error('expected typed data');
    const signature = signTypedData(evmReq.body.typed_data as unknown as TypedData, EVM_KEY);
    const answer = buildEvmMessageSigningResponse(evmReq, { address: privateKeyToAddress(EVM_KEY), signature });
    await c.post(thread.id, JSON.stringify((answer as { value: object }).value));
    rs = await records(c, thread.id);
    expect(rs.at(-1)!.text).toMatch(/verified \(EIP-712\)/);
  });
});

it('a tampered quote shows as not valid', async () => {
  const c = new AitpClient({ agentUrl: `${origin}/aitp`, dialect: 'spec' });
  const thread = await c.createThread('x');
  const quotes = new Map<string, string>();
  const first = (await c.list(thread.id)).messages.flatMap((m, i) => toRecords(m, i, quotes));
  const offer = first.find((r) => r.kind === 'aitp:request_decision')!;
  await c.post(thread.id, JSON.stringify((buildDecision((offer.body as { message: MessageOf<'decisions.request_decision'> }).message, [{ id: 'p-grinder' }]) as { value: object }).value));
  const ask = (await c.list(thread.id)).messages.flatMap((m, i) => toRecords(m, i, quotes)).find((r) => r.kind === 'aitp:request_data')!;
  agent.faults.badQuoteSignature = true;
  await c.post(thread.id, JSON.stringify((buildDataAnswer((ask.body as { message: MessageOf<'data.request_data'> }).message, { name: 'A', email: 'a@b.co', street: 's', city: 'c', postal: 'p', country: 'x' }) as { value: object }).value));
  agent.faults.badQuoteSignature = false;
  const quote = (await c.list(thread.id)).messages.flatMap((m, i) => toRecords(m, i, quotes)).find((r) => r.kind === 'aitp:quote')!;
  expect((quote.body as { signature: { status: string } }).signature.status).toBe('invalid');
  expect(quote.negotiation!.under).toMatch(/NOT valid/);
});
