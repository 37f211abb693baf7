// Protocol-only timing of the demo negotiation up to the signed quote (no browser, no chain): npx tsx e2e/demo/aitp/bench.ts
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAitpAgent } from './agent';
import { buildDataAnswer, buildDecision, type MessageOf } from '../../../src/protocols/aitp';
import { AitpClient } from '../../../src/background/aitp/client';
import { toRecords } from '../../../src/background/aitp/convert';

const agent = createAitpAgent();
const server = createServer((req, res) => { if (!agent.handle(req, res, new URL(req.url ?? '/', `http://${req.headers.host}`))) res.writeHead(404).end(); });
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
for (const dialect of ['spec', 'hub'] as const) {
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    const c = new AitpClient({ agentUrl: `${origin}/aitp${dialect === 'hub' ? '/v1' : ''}`, dialect, sleep: async () => undefined });
    const th = await c.createThread('bench');
    const q = new Map<string, string>();
    let rs = (await c.list(th.id)).messages.flatMap((m, j) => toRecords(m, j, q));
    const offer = rs.find((r) => r.kind === 'aitp:request_decision')!;
    const d = buildDecision((offer.body as { message: MessageOf<'decisions.request_decision'> }).message, [{ id: 'p-mug-sand', quantity: 2 }]);
    await c.post(th.id, JSON.stringify((d as { value: object }).value));
    rs = (await c.list(th.id)).messages.flatMap((m, j) => toRecords(m, j, q));
    const ask = rs.find((r) => r.kind === 'aitp:request_data')!;
    const a = buildDataAnswer((ask.body as { message: MessageOf<'data.request_data'> }).message, { name: 'A', email: 'a@b.co', street: 's', city: 'c', postal: 'p', country: 'x' });
    await c.post(th.id, JSON.stringify((a as { value: object }).value));
    rs = (await c.list(th.id)).messages.flatMap((m, j) => toRecords(m, j, q));
    if (!rs.some((r) => r.kind === 'aitp:quote')) throw new Error('no quote');
    times.push(performance.now() - t0);
  }
  times.sort((x, y) => x - y);
  console.log(`${dialect}: open thread → verified quote (3 posts incl. create, 3 lists, ${dialect === 'hub' ? '3 runs, ' : ''}8 messages): median ${times[15].toFixed(1)} ms, p90 ${times[27].toFixed(1)} ms over 30`);
}
server.close();
