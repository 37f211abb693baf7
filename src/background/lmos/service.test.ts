// The LMOS service against the demo barista (real HTTP + lmosprotocol WebSocket server on loopback;
// Node 20 has no global WebSocket, so the `ws` client stands in for the browser's): invoke over both
// transports with status, read a property, watch an event and an observed property, and chat.
import 'fake-indexeddb/auto';
import { WebSocket as NodeWebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLmosDemo, type LmosDemo } from '../../../e2e/demo/lmos/server';
import { saveProbe, recordVisit } from '../../store/sites';
import { listMessages } from '../../store/threads';
import { Inbox } from '../inbox/service';
import { createLmosChatHandler } from './chat';
import { LmosService } from './service';

(globalThis as { WebSocket?: unknown }).WebSocket ??= NodeWebSocket;

let demo: LmosDemo;
let tdUrl: string;
const fetchDoc = async (url: string) => (await fetch(url)).text();
const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(check()).toBe(true);
};

beforeAll(async () => {
  demo = await startLmosDemo();
  tdUrl = `${demo.origin}/.well-known/wot`;
  await recordVisit(demo.origin, Date.now());
  await saveProbe(demo.origin, [{ kind: 'lmos-thing-description', protocol: 'lmos', label: 'wot', url: tdUrl, fetchedAt: Date.now(), counts: {}, problems: [], warnings: [] }], Date.now() + 60_000);
});
afterAll(() => demo.close());

describe('LMOS service with the demo barista', () => {
  it('reads the Thing and refuses a TD the site does not declare', async () => {
    const service = new LmosService(fetchDoc);
    const [thing] = await service.things(demo.origin);
    expect(thing.td).toMatchObject({ title: 'Demo Barista', lmosType: 'agent', vendor: { name: 'Emissary Demo Roasters' }, lmosWebSocket: true });
    expect(thing.problems).toEqual([]);
    await expect(service.thing(demo.origin, `${demo.origin}/other`)).rejects.toThrow('does not declare');
  });

  it('invokes brew over HTTP and over the WebSocket, and reports a failed input', async () => {
    const service = new LmosService(fetchDoc);
    const thing = await service.thing(demo.origin, tdUrl);
    const overHttp = await service.invoke(thing, 'brew', { drink: 'latte', shots: 2 }, 'http');
    await overHttp.done;
    expect(overHttp).toMatchObject({ transport: 'http', status: 'completed', output: { orderId: 'B-101', drink: 'latte' } });
    const overWs = await service.invoke(thing, 'brew', { drink: 'espresso', shots: 1 }, 'ws');
    await overWs.done;
    expect(overWs).toMatchObject({ transport: 'ws', status: 'completed', output: { drink: 'espresso' } });
    expect(overWs.history.map((h) => h.status)).toEqual(['pending', 'pending (agent)', 'completed']);
    const bad = await service.invoke(thing, 'brew', { drink: 'tea', shots: 1 }, 'http');
    await bad.done;
    expect(bad).toMatchObject({ status: 'failed', error: 'HTTP 400: Bad Request: drink must be espresso, latte or cappuccino' });
    expect(demo.brewed.map((b) => b.via)).toEqual(['http', 'ws']);
  });

  it('reads a property both ways and watches the event and the property while polled', async () => {
    const service = new LmosService(fetchDoc);
    const thing = await service.thing(demo.origin, tdUrl);
    expect(await service.readProperty(thing, 'queueLength', 'http')).toEqual({ value: 0, transport: 'http' });
    expect(await service.readProperty(thing, 'queueLength', 'ws')).toEqual({ value: 0, transport: 'ws' });
    const id = await service.watch(thing, ['orderReady'], ['queueLength']);
    const inv = await service.invoke(thing, 'brew', { drink: 'cappuccino', shots: 2 }, 'http');
    await inv.done;
    await until(() => (service.poll(id, 0)?.items.length ?? 0) >= 3);
    const items = service.poll(id, 0)!.items.map((i) => [i.kind, i.name, i.data]);
    expect(items).toEqual([['property', 'queueLength', 1], ['property', 'queueLength', 0], ['event', 'orderReady', { orderId: expect.stringMatching(/^B-/), drink: 'cappuccino' }]]);
    expect(service.poll(id, 3)!.items).toEqual([]);
    service.unwatch(id);
    expect(service.poll(id, 0)).toBeUndefined();
  });

  it('chats as an Inbox thread, with the agent events of the turn', async () => {
    const service = new LmosService(fetchDoc);
    const inbox = new Inbox();
    inbox.register('lmos', createLmosChatHandler(inbox, service));
    await inbox.open({ id: 'chat', origin: demo.origin, protocol: 'lmos', agent: { url: tdUrl, name: 'Demo Barista' }, title: 'LMOS', state: 'waiting-for-you', remote: { tdUrl, conversationId: 'c1' } });
    expect(await inbox.send('chat', 'What is on the menu?')).toEqual({ ok: true, value: true });
    const messages = await listMessages('chat');
    expect(messages.map((m) => [m.direction, m.kind, m.text])).toEqual([
      ['out', 'text', 'What is on the menu?'],
      ['note', 'lmos:event', 'AgentStarted: barista'],
      ['note', 'lmos:event', 'AgentFinished: replied'],
      ['in', 'text', 'We brew espresso, latte and cappuccino. Ask me to brew one!'],
    ]);
    expect(messages.filter((m) => m.negotiation).map((m) => m.negotiation!.stage)).toEqual(['proposed', 'confirmed']);
    expect(demo.chats).toEqual(['What is on the menu?']);
  });
});
