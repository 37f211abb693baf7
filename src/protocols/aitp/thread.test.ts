// T01 objects as the spec writes them and as the NEAR AI Hub serves them; runs and SSE streams.
import { describe, expect, it } from 'vitest';
import { EMISSARY_CAPABILITY_URLS } from './capabilities';
import { D, productsRequest } from './samples.fixture';
import { splitSse, readStreamEvent } from './stream';
import { isRunFinished, parseMessageList, parseRun, parseThread, parseThreadMessage, readContentText } from './thread';

const decisionText = JSON.stringify(productsRequest);

describe('threads and messages', () => {
  it('reads a spec thread: actors with [{schema}] capabilities, string[] content with a capability message', () => {
    const r = parseThread({
      id: 'thread_abc123',
      metadata: { parent_id: null, actors: [{ id: 'travel-agent.near', capabilities: [{ schema: D }] }] },
      messages: [{ created_at: 1708950060, thread_id: 'thread_abc123', role: 'assistant', metadata: { actor: 'travel-agent.near' },
        content: ['Here are some options', decisionText], attachments: [{ file_id: 'f1' }] }],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.actors).toEqual([{ id: 'travel-agent.near', capabilities: [D] }]);
    const [m] = r.value.messages;
    expect(m).toMatchObject({ role: 'assistant', actor: 'travel-agent.near', created_at: 1708950060, attachments: ['f1'] });
    expect(m.content[0]).toEqual({ kind: 'text', text: 'Here are some options' });
    expect(m.content[1]).toMatchObject({ kind: 'aitp', message: { kind: 'decisions.request_decision' } });
  });

  it('reads a Hub thread: metadata.actors as JSON text with URL-string capabilities', () => {
    const r = parseThread({ id: 't', object: 'thread', created_at: 1, metadata: { actors: JSON.stringify([{ id: 'me.near', client_id: 'app.near.ai', capabilities: EMISSARY_CAPABILITY_URLS }]) } });
    expect(r.ok && r.value.actors[0]).toEqual({ id: 'me.near', client_id: 'app.near.ai', capabilities: [...EMISSARY_CAPABILITY_URLS] });
  });

  it('reads OpenAI content parts, and shows a failing capability message as a problem, not a widget', () => {
    const bad = JSON.stringify({ $schema: D, request_decision: { id: 'x', options: [] } });
    const r = parseThreadMessage({ id: 'msg_1', object: 'thread.message', role: 'assistant', run_id: 'run_1', content: [
      { type: 'text', text: { value: decisionText, annotations: [] } },
      { type: 'text', text: { value: bad, annotations: [] } },
      { type: 'image_file', image_file: { file_id: 'img' } },
      { type: 'text', text: { value: '{"not":"aitp"}', annotations: [] } },
    ] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.content.map((c) => c.kind)).toEqual(['aitp', 'invalid_aitp', 'other', 'text']);
    expect(r.value.content[1]).toMatchObject({ problems: [{ message: 'AITP message: request_decision.options must have at least 1 item' }] });
  });

  it('keeps the good messages of a list and reports the bad one', () => {
    const r = parseMessageList({ object: 'list', data: [{ role: 'user', content: 'hi' }, { role: 'system', content: 'x' }], has_more: true, last_id: 'm2' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.messages).toHaveLength(1);
    expect(r.value).toMatchObject({ hasMore: true, lastId: 'm2' });
    expect(r.problems[0].message).toBe("message list: data[1].role must be one of 'user', 'assistant', got \"system\"");
    expect(parseMessageList([{ role: 'user', content: ['a'] }]).ok).toBe(true);
  });

  it('treats plain text that merely looks like JSON as text', () => {
    expect(readContentText('{ hello }')).toEqual({ kind: 'text', text: '{ hello }' });
  });
});

describe('runs and streams', () => {
  it('reads run objects and knows which are finished', () => {
    const r = parseRun({ id: 'run_1', object: 'thread.run', thread_id: 't', assistant_id: 'shop.near/agent/1', status: 'failed', last_error: { code: 'x', message: 'boom' } });
    expect(r).toMatchObject({ ok: true, value: { id: 'run_1', status: 'failed', last_error: 'boom' } });
    expect(parseRun({ id: 'r', status: 'exploded' }).ok).toBe(false);
    expect(isRunFinished('in_progress')).toBe(false);
    expect(isRunFinished('requires_action')).toBe(true);
  });

  it('splits SSE text across chunks and reads run, delta, message and done events', () => {
    const msg = { id: 'msg_1', object: 'thread.message', role: 'assistant', content: [{ type: 'text', text: { value: 'Hello', annotations: [] } }] };
    const stream = [
      'event: thread.run.created\ndata: {"id":"run_1","status":"queued"}\n\n',
      ': keep-alive\n\nevent: thread.message.delta\ndata: {"id":"msg_1","delta":{"content":[{"index":0,"type":"text","text":{"value":"Hel"}}]}}\n\n',
      `data: ${JSON.stringify({ event: 'thread.message.completed', data: msg })}\n\nevent: thread.run.completed\r\ndata: {"id":"run_1","status":"completed"}\r\n\r\nevent: done\ndata: [DONE]\n\nevent: thread.run.step.created\nda`,
    ];
    let rest = '';
    const updates = stream.flatMap((chunk) => {
      const s = splitSse(rest + chunk);
      rest = s.rest;
      return s.events.map(readStreamEvent);
    });
    expect(rest).toBe('event: thread.run.step.created\nda');
    expect(updates.map((u) => u.kind)).toEqual(['run', 'delta', 'message', 'run', 'done']);
    expect(updates[1]).toEqual({ kind: 'delta', messageId: 'msg_1', text: 'Hel' });
    expect(readStreamEvent({ event: 'thread.run.step.created', data: '{}' })).toEqual({ kind: 'ignored', event: 'thread.run.step.created' });
    expect(readStreamEvent({ data: 'not json' }).kind).toBe('ignored');
  });
});
