import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../store/db';
import type { ThreadRecord } from '../../store/schema';
import { Inbox } from './service';

const thread = (id: string): Omit<ThreadRecord, 'nextSeq' | 'unread' | 'createdAt' | 'updatedAt'> => ({
  id,
  origin: 'https://shop.example',
  protocol: 'aitp',
  agent: { url: 'https://shop.example/aitp', name: 'Shop agent' },
  title: 'Order',
  state: 'waiting-for-agent',
  remote: {},
});

beforeEach(async () => {
  const d = await db();
  await d.clear('threads');
  await d.clear('messages');
});

describe('inbox', () => {
  it('stores a message fetched twice only once, counts unread and clears it when opened', async () => {
    const notes: string[] = [];
    const inbox = new Inbox({ notify: async (_k, title) => void notes.push(title) });
    await inbox.open(thread('t1'));
    const hello = { direction: 'in' as const, createdAt: 1, kind: 'text', text: 'Hello', remoteId: 'm1' };
    expect(await inbox.append('t1', [hello])).toHaveLength(1);
    expect(await inbox.append('t1', [hello, { ...hello, remoteId: 'm2', text: 'Pick one' }], 'waiting-for-you')).toHaveLength(1);
    expect(notes).toEqual(['Shop agent asks you something']);
    expect(await inbox.unread()).toBe(2);
    const [summary] = await inbox.list();
    expect(summary).toMatchObject({ id: 't1', unread: 2, state: 'waiting-for-you', preview: 'Pick one' });
    const view = await inbox.view('t1');
    expect(view.ok && view.value.messages.map((m) => [m.seq, m.text])).toEqual([
      [0, 'Hello'],
      [1, 'Pick one'],
    ]);
    expect(await inbox.unread()).toBe(0);
  });

  it('sends through the protocol handler and says clearly when none can', async () => {
    const inbox = new Inbox();
    await inbox.open(thread('t2'));
    expect(await inbox.send('t2', 'hi')).toEqual({ ok: false, error: 'Emissary cannot talk AITP yet.' });
    const sent: string[] = [];
    inbox.register('aitp', {
      send: async (t, text) => {
        sent.push(text);
        await inbox.append(t.id, [{ direction: 'out', createdAt: 2, kind: 'text', text }]);
      },
      answer: async () => {
        throw new Error('The agent refused the answer.');
      },
    });
    expect(await inbox.send('t2', '  hi  ')).toEqual({ ok: true, value: true });
    expect(sent).toEqual(['hi']);
    expect((await inbox.send('t2', '   ')).ok).toBe(false);
    const [m] = await inbox.append('t2', [{ direction: 'in', createdAt: 3, kind: 'aitp:request_decision', remoteId: 'r1' }]);
    expect(await inbox.answer('t2', m.id, { choice: 'a' })).toEqual({ ok: false, error: 'The agent refused the answer.' });
    expect(await inbox.answer('other', m.id, {})).toEqual({ ok: false, error: 'That request is not part of this conversation.' });
  });

  it('pages threads by recency', async () => {
    const inbox = new Inbox();
    for (let i = 0; i < 5; i++) {
      await inbox.open(thread(`p${i}`), 100 + i);
    }
    const first = await inbox.list({ limit: 2 });
    expect(first.map((t) => t.id)).toEqual(['p4', 'p3']);
    const next = await inbox.list({ limit: 2, before: first[1].updatedAt });
    expect(next.map((t) => t.id)).toEqual(['p2', 'p1']);
  });
});
