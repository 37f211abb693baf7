// An Agora thread against the demo café (a real HTTP server on loopback): plain language, the offer
// verified from its sources, accepted, then an order sent through the form and its result, with
// the negotiation marks the Negotiation tab shows. Also a tampered offer and a refused protocol.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAgoraDemo, type AgoraDemo } from '../../../e2e/demo/agora/server';
import { db } from '../../store/db';
import { getThread, listMessages } from '../../store/threads';
import { Inbox } from '../inbox/service';
import { createAgoraHandler } from './handler';
import { listProtocols } from './library';
import type { AgoraRemote } from './messages';

let demo: AgoraDemo;
beforeAll(async () => {
  demo = await startAgoraDemo();
});
afterAll(() => demo.close());
beforeEach(async () => {
  const d = await db();
  for (const store of ['threads', 'messages', 'records'] as const) await d.clear(store);
});

async function setup() {
  const inbox = new Inbox();
  inbox.register('agora', createAgoraHandler(inbox));
  await inbox.open({ id: 't', origin: demo.origin, protocol: 'agora', agent: { url: demo.endpoint, name: 'Café' }, title: 'Café', state: 'waiting-for-you', remote: { endpoint: demo.endpoint } });
  return inbox;
}

describe('Agora thread with the demo café', () => {
  it('talks, verifies and accepts the offered document, then orders under it', async () => {
    const inbox = await setup();
    expect(await inbox.send('t', 'Hello?')).toEqual({ ok: true, value: true });
    expect((await listMessages('t')).map((m) => [m.direction, m.kind])).toEqual([['out', 'text'], ['in', 'text']]);
    await inbox.send('t', 'I would like to order a latte');
    const offer = (await listMessages('t')).find((m) => m.kind === 'agora:offer')!;
    expect(offer.problems).toBeUndefined();
    expect(offer.body).toMatchObject({ hash: demo.orderHash, name: 'Coffee order', multiround: false, hasForm: true, algorithm: 'sha1-base64', verifiedFrom: `${demo.origin}/protocols/coffee-order.txt` });
    expect(offer.negotiation).toEqual({ stage: 'proposed', what: 'The agent offered the protocol document "Coffee order"', under: `Agora protocol ${demo.orderHash.slice(0, 8)}…` });

    expect(await inbox.answer('t', offer.id, { accept: true })).toEqual({ ok: true, value: true });
    expect(((await getThread('t'))!.remote as unknown as AgoraRemote).protocol).toMatchObject({ hash: demo.orderHash, name: 'Coffee order' });
    const form = (await listMessages('t')).find((m) => m.kind === 'agora:form')!;
    expect(form.body).toMatchObject({ name: 'Coffee order', request: { schema: { required: ['drink', 'quantity', 'name'] } } });
    expect((await inbox.answer('t', offer.id, { accept: true })).ok).toBe(false);

    await inbox.answer('t', form.id, { values: { drink: 'latte', quantity: 2, name: 'Ada' } });
    expect(demo.orders).toEqual([{ drink: 'latte', quantity: 2, name: 'Ada' }]);
    const result = (await listMessages('t')).find((m) => m.kind === 'agora:result')!;
    expect(result.body).toMatchObject({ json: { orderId: 'C-1001', total: '7.00 USDC' }, response: { fromExample: true } });
    expect(result.negotiation).toMatchObject({ stage: 'confirmed', cost: '7.00 USDC' });

    const [doc] = await listProtocols();
    expect(doc).toMatchObject({ hash: demo.orderHash, agents: [{ agent: demo.endpoint, origin: demo.origin, uses: 1 }] });
    expect((await listMessages('t')).filter((m) => m.negotiation).map((m) => m.negotiation!.stage)).toEqual(['proposed', 'accepted', 'proposed', 'confirmed']);
  });

  it('says why a tampered offer is not used, and never offers to accept it', async () => {
    const inbox = await setup();
    await inbox.send('t', 'show me a tampered protocol');
    const offer = (await listMessages('t')).find((m) => m.kind === 'agora:offer')!;
    expect(offer.body).toBeUndefined();
    expect(offer.problems).toEqual([`${demo.origin}/protocols/coffee-order.txt does not match the hash it was offered under`]);
    expect(offer.negotiation?.stage).toBe('failed');
    expect((await inbox.answer('t', offer.id, { accept: true })).ok).toBe(false);
    expect(await listProtocols()).toEqual([]);
  });

  it('goes back to plain language when the agent refuses the document', async () => {
    const inbox = await setup();
    const { updateThread } = await import('../../store/threads');
    await updateThread('t', (t) => void ((t.remote as unknown as AgoraRemote).protocol = { hash: 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=', sources: ['data:,x'], name: 'Unknown', multiround: false }));
    await inbox.send('t', '{"x":1}');
    const note = (await listMessages('t')).at(-1)!;
    expect(note.text).toContain('The agent refused "Unknown": Protocol rejected');
    expect(note.negotiation?.stage).toBe('rejected');
    expect(((await getThread('t'))!.remote as unknown as AgoraRemote).protocol).toBeUndefined();
  });
});
