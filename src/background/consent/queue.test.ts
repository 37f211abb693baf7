import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../store/db';
import { countPendingApprovals } from '../../store/approvals';
import { ConsentQueue, type ConsentRequest } from './queue';

const ORIGIN = 'https://shop.example';
const request = (over: Partial<ConsentRequest> = {}): ConsentRequest => ({
  origin: ORIGIN,
  kind: 'mcp-tool-call',
  title: 'Call the tool delete_order',
  summary: 'The shop deletes order 42.',
  details: [{ label: 'orderId', value: '42' }],
  data: { server: 'https://shop.example/mcp' },
  ...over,
});

let now = 1_000_000;
const clock = () => now;

beforeEach(async () => {
  await (await db()).clear('approvals');
  now = 1_000_000;
});

describe('consent queue', () => {
  it('resolves the asker with the human decision on exactly what was shown', async () => {
    const queue = new ConsentQueue({ now: clock });
    const { id, decision } = await queue.ask(request());
    const [shown] = await queue.listPending();
    expect(shown).toMatchObject({ id, origin: ORIGIN, title: 'Call the tool delete_order', details: [{ label: 'orderId', value: '42' }] });
    expect(shown).not.toHaveProperty('data');
    expect(await queue.decide(id, 'approve', shown.contentHash)).toEqual({ ok: true, value: 'approved' });
    expect(await decision).toBe('approved');
    expect(await queue.listPending()).toEqual([]);
  });

  it('refuses a decision whose hash does not match what is stored, and a second decision', async () => {
    const queue = new ConsentQueue({ now: clock });
    const { id } = await queue.ask(request());
    const wrong = await queue.decide(id, 'approve', 'a'.repeat(64));
    expect(wrong.ok).toBe(false);
    expect((await queue.listPending()).length).toBe(1);
    const [shown] = await queue.listPending();
    expect((await queue.decide(id, 'reject', shown.contentHash)).ok).toBe(true);
    const again = await queue.decide(id, 'approve', shown.contentHash);
    expect(again).toEqual({ ok: false, error: 'This request is no longer waiting for a decision.' });
    expect((await queue.get(id))?.status).toBe('rejected');
  });

  it('lets only one of two racing decisions win', async () => {
    const queue = new ConsentQueue({ now: clock });
    const { id, decision } = await queue.ask(request());
    const [shown] = await queue.listPending();
    const results = await Promise.all([queue.decide(id, 'approve', shown.contentHash), queue.decide(id, 'reject', shown.contentHash)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(['approved', 'rejected']).toContain(await decision);
  });

  it('never approves an expired request', async () => {
    const queue = new ConsentQueue({ now: clock });
    const { id, decision } = await queue.ask(request({ ttlMs: 1000 }));
    const [shown] = await queue.listPending();
    now += 1001;
    const result = await queue.decide(id, 'approve', shown.contentHash);
    expect(result.ok).toBe(false);
    expect(await decision).toBe('expired');
  });

  it('cancels everything pending on lock, and rejects all from one site only', async () => {
    const queue = new ConsentQueue({ now: clock });
    const a = await queue.ask(request());
    const b = await queue.ask(request({ origin: 'https://other.example' }));
    expect(await queue.rejectAllFrom(ORIGIN)).toBe(1);
    expect(await a.decision).toBe('rejected');
    expect(await queue.cancelAllPending('locked')).toBe(1);
    expect(await b.decision).toBe('cancelled');
  });

  it('hands a decision nobody waits for any more (worker restarted) to the kind’s handler', async () => {
    const first = new ConsentQueue({ now: clock });
    const { id } = await first.ask(request());
    // A new worker life: a new queue over the same records.
    const second = new ConsentQueue({ now: clock });
    const finished: { data: unknown; outcome: string }[] = [];
    second.onOrphanDecision('mcp-tool-call', (record, outcome) => void finished.push({ data: record.payload.data, outcome }));
    const [shown] = await second.listPending();
    expect((await second.decide(id, 'approve', shown.contentHash)).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
    expect(finished).toEqual([{ data: { server: 'https://shop.example/mcp' }, outcome: 'approved' }]);
  });
  it('cancels one pending request for its asker: the card goes, the badge count drops, the others stay', async () => {
    const changed: string[] = [];
    const queue = new ConsentQueue({ now: clock, onChange: (id) => void changed.push(id) });
    const a = await queue.ask(request());
    const b = await queue.ask(request({ title: 'Call the tool add_to_cart' }));
    expect(await countPendingApprovals()).toBe(2);
    const [shownA] = await queue.listPending();
    now += 5;
    expect(await queue.cancel(a.id, 'The call was cancelled.')).toBe(true);
    expect(await a.decision).toBe('cancelled');
    expect(changed.at(-1)).toBe(a.id);
    expect(await countPendingApprovals()).toBe(1);
    expect((await queue.listPending()).map((c) => c.id)).toEqual([b.id]);
    expect(await queue.get(a.id)).toMatchObject({ status: 'cancelled', reason: 'The call was cancelled.', decidedAt: now });
    // What the human still had on screen can no longer be approved.
    expect((await queue.decide(a.id, 'approve', shownA.contentHash)).ok).toBe(false);
    expect((await queue.get(a.id))?.status).toBe('cancelled');
  });

  it('never touches a request the human already decided, nor an unknown one', async () => {
    const queue = new ConsentQueue({ now: clock });
    const { id, decision } = await queue.ask(request());
    const [shown] = await queue.listPending();
    expect((await queue.decide(id, 'approve', shown.contentHash)).ok).toBe(true);
    expect(await decision).toBe('approved');
    expect(await queue.cancel(id, 'too late')).toBe(false);
    expect(await queue.get(id)).toMatchObject({ status: 'approved' });
    expect(await queue.get(id)).not.toHaveProperty('reason');
    expect(await queue.cancel('no-such-id', 'nothing')).toBe(false);
  });

  it('lets either a decision or a cancel win a race, never both', async () => {
    const queue = new ConsentQueue({ now: clock });
    const { id, decision } = await queue.ask(request());
    const [shown] = await queue.listPending();
    const [decided, cancelled] = await Promise.all([queue.decide(id, 'approve', shown.contentHash), queue.cancel(id, 'cancelled')]);
    expect(Number(decided.ok) + Number(cancelled)).toBe(1);
    const outcome = await decision;
    expect(outcome).toBe(decided.ok ? 'approved' : 'cancelled');
    expect((await queue.get(id))?.status).toBe(outcome);
  });
});
