// AITP-T01 threads API objects: threads (actors and their capabilities), messages (content as the spec's
// string[] or OpenAI content parts, capability messages inside as JSON text), runs and message lists as the
// NEAR AI Hub serves them. Capability messages found in content are parsed; a failing one is kept with its problems.

import { childPath, DEFAULT_TREE_LIMITS, isObject, parseJsonText, type JsonObject, type JsonValue, type Problem } from '../agents-json/json';
import { looksLikeAitp, MESSAGE_TREE_LIMITS, parseAitpMessage, toTree } from './message';
import { AITP_LIMITS, Reader } from './read';
import type { AitpMessage, AitpResult } from './types';

export interface AitpActor {
  id: string;
  client_id?: string;
  /** Schema URLs; `[{schema: url}]` (thread model) and `[url]` (T01 create body, Hub) both read as URLs. */
  capabilities: string[];
}

export type ContentItem =
  | { kind: 'text'; text: string }
  | { kind: 'aitp'; message: AitpMessage; warnings: Problem[] }
  /** JSON that claims to be AITP but fails validation: shown as a problem, never as a widget. */
  | { kind: 'invalid_aitp'; text: string; problems: Problem[] }
  /** A content part Emissary does not render (image_file, ...). */
  | { kind: 'other'; type: string };

export interface ThreadMessage {
  id?: string;
  thread_id?: string;
  created_at?: number;
  /** `user` is always the thread's creator (here: Emissary); `assistant` any other party. */
  role: 'user' | 'assistant';
  /** `metadata.actor`: which actor produced it, in multi-party threads. */
  actor?: string;
  run_id?: string;
  content: ContentItem[];
  attachments: string[];
}

export interface AitpThread {
  id: string;
  created_at?: number;
  parent_id: string | null;
  actors: AitpActor[];
  messages: ThreadMessage[];
}

export type RunStatus = 'queued' | 'in_progress' | 'requires_action' | 'cancelling' | 'cancelled' | 'failed' | 'completed'
  | 'incomplete' | 'expired';
export const RUN_STATUSES: readonly RunStatus[] = ['queued', 'in_progress', 'requires_action', 'cancelling', 'cancelled',
  'failed', 'completed', 'incomplete', 'expired'];
export interface AitpRun { id: string; thread_id?: string; assistant_id?: string; status: RunStatus; last_error?: string }

/** A run that will produce nothing more. */
export function isRunFinished(status: RunStatus): boolean {
  return status !== 'queued' && status !== 'in_progress' && status !== 'cancelling';
}

const MAX_TEXT = AITP_LIMITS.longText * 4;

/** One text of a message: a capability message when it is JSON that looks like AITP, else plain text. */
export function readContentText(text: string): ContentItem {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') && trimmed.endsWith('}')) {
    const parsed = parseJsonText(trimmed, 'AITP message', MESSAGE_TREE_LIMITS);
    if (!parsed.ok) {
      // Over the size or depth caps, or not JSON at all; only the former is worth a problem.
      if (/"\$schema"/.test(trimmed.slice(0, 2000))) return { kind: 'invalid_aitp', text: trimmed.slice(0, MAX_TEXT), problems: parsed.problems };
    } else if (looksLikeAitp(parsed.value)) {
      const r = parseAitpMessage(parsed.value);
      return r.ok ? { kind: 'aitp', message: r.message, warnings: [...parsed.problems, ...r.problems] }
        : { kind: 'invalid_aitp', text: trimmed.slice(0, MAX_TEXT), problems: [...parsed.problems, ...r.problems] };
    }
  }
  return { kind: 'text', text: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text };
}

function readContentPart(r: Reader, part: JsonValue, at: string): ContentItem | undefined {
  if (typeof part === 'string') return readContentText(part);
  const o = r.object(part, at);
  if (!o) return undefined;
  const type = typeof o.type === 'string' ? o.type.slice(0, 60) : '';
  if (type === 'text') {
    // OpenAI: {type:'text', text:{value, annotations}}; some servers: {type:'text', text:'...'}.
    if (typeof o.text === 'string') return readContentText(o.text);
    const t = r.obj(o, 'text', at, true);
    const value = t && r.str(t, 'value', childPath(at, 'text'), { required: true, max: AITP_LIMITS.messageBytes });
    return value === undefined ? undefined : readContentText(value);
  }
  if (type === 'json' && isObject(o.json)) {
    // The earlier NEAR AI design (nearai PR #751): {type:'json', schema, json:{...}}.
    const msg = o.$schema === undefined && typeof o.schema === 'string' ? { $schema: o.schema, ...o.json } : o.json;
    const p = parseAitpMessage(msg);
    return p.ok ? { kind: 'aitp', message: p.message, warnings: p.problems } : { kind: 'invalid_aitp', text: '', problems: p.problems };
  }
  return { kind: 'other', type: type || 'unknown' };
}

function readMessage(r: Reader, v: JsonValue, at: string): ThreadMessage | undefined {
  const o = r.object(v, at);
  if (!o) return undefined;
  const before = r.problems.length;
  const role = r.oneOf(o, 'role', at, ['user', 'assistant'] as const, true);
  let content: ContentItem[] | undefined;
  if (typeof o.content === 'string') content = [readContentText(o.content)];
  else content = r.list(o, 'content', at, (x, p) => readContentPart(r, x, p), { required: true });
  const meta = isObject(o.metadata) ? o.metadata : {};
  const attachments = Array.isArray(o.attachments)
    ? o.attachments.flatMap((a) => (isObject(a) && typeof a.file_id === 'string' ? [a.file_id.slice(0, AITP_LIMITS.id)] : []))
    : [];
  const msg: ThreadMessage = {
    id: r.id(o, 'id', at, false),
    thread_id: r.id(o, 'thread_id', at, false),
    created_at: r.num(o, 'created_at', at, { integer: true, min: 0 }),
    role: role!,
    actor: r.id(meta, 'actor', childPath(at, 'metadata'), false),
    run_id: typeof o.run_id === 'string' ? r.id(o, 'run_id', at, false) : undefined,
    content: content ?? [],
    attachments,
  };
  if (r.problems.slice(before).some((p) => p.severity === 'error')) return undefined;
  for (const k of Object.keys(msg) as (keyof ThreadMessage)[]) if (msg[k] === undefined) delete msg[k];
  return msg;
}

function readActors(r: Reader, meta: JsonObject, at: string): AitpActor[] {
  let raw: JsonValue | undefined = meta.actors;
  if (typeof raw === 'string') {
    // The Hub stores metadata values as strings: actors is JSON text.
    const parsed = parseJsonText(raw, r.label);
    if (!parsed.ok) {
      r.error(childPath(at, 'actors'), 'is a string but not JSON');
      return [];
    }
    raw = parsed.value;
  }
  if (raw === undefined || raw === null) return [];
  return r.list({ actors: raw }, 'actors', at, (v, p) => {
    const a = r.object(v, p);
    if (!a) return undefined;
    const id = r.id(a, 'id', p);
    const client_id = r.id(a, 'client_id', p, false);
    const capabilities = r.list(a, 'capabilities', p, (c, cp) => {
      if (isObject(c)) return r.url(c, 'schema', cp, true);
      return r.url({ schema: c }, 'schema', cp, true);
    }) ?? [];
    return id === undefined ? undefined : { id, ...(client_id ? { client_id } : {}), capabilities };
  }) ?? [];
}

const LIST_LIMITS = DEFAULT_TREE_LIMITS;

/** A thread object (spec Thread, or OpenAI thread with metadata). */
export function parseThread(untrusted: unknown): AitpResult<AitpThread> {
  const tree = toTree(untrusted, 'thread', LIST_LIMITS);
  const r = new Reader('thread', tree.problems);
  const o = tree.value;
  if (!o || r.failed) return { ok: false, problems: r.problems };
  const id = r.id(o, 'id', '');
  const meta = isObject(o.metadata) ? o.metadata : {};
  const parent = meta.parent_id === null || meta.parent_id === undefined ? null : r.id(meta, 'parent_id', 'metadata') ?? null;
  const actors = readActors(r, meta, 'metadata');
  const messages = Array.isArray(o.messages) && o.messages.every((m) => typeof m !== 'string')
    ? r.list(o, 'messages', '', (v, p) => readMessage(r, v, p), { max: 1_000 }) ?? [] : [];
  const created_at = r.num(o, 'created_at', '', { integer: true, min: 0 });
  // A bad message or actor entry is left out with its problems; only an unreadable thread fails.
  if (id === undefined) return { ok: false, problems: r.problems };
  return { ok: true, value: { id, ...(created_at !== undefined ? { created_at } : {}), parent_id: parent, actors, messages }, problems: r.problems };
}

/** One message object. */
export function parseThreadMessage(untrusted: unknown): AitpResult<ThreadMessage> {
  const tree = toTree(untrusted, 'thread message', LIST_LIMITS);
  const r = new Reader('thread message', tree.problems);
  const m = tree.value && !r.failed ? readMessage(r, tree.value, '') : undefined;
  return m ? { ok: true, value: m, problems: r.problems } : { ok: false, problems: r.problems };
}

/**
 * A list of messages: OpenAI `{object:'list', data:[...], has_more, last_id}` or a bare array. A message that
 * fails is left out with its problems (as errors of that entry); the others are kept.
 */
export function parseMessageList(untrusted: unknown): AitpResult<{ messages: ThreadMessage[]; hasMore: boolean; lastId?: string }> {
  const wrapped = Array.isArray(untrusted) ? { data: untrusted } : untrusted;
  const tree = toTree(wrapped, 'message list', LIST_LIMITS);
  const r = new Reader('message list', tree.problems);
  const o = tree.value;
  if (!o || r.failed) return { ok: false, problems: r.problems };
  const messages = r.list(o, 'data', '', (v, p) => readMessage(r, v, p), { required: true, max: 1_000 });
  if (!messages) return { ok: false, problems: r.problems };
  const lastId = typeof o.last_id === 'string' ? o.last_id.slice(0, AITP_LIMITS.id) : undefined;
  return { ok: true, value: { messages, hasMore: o.has_more === true, ...(lastId ? { lastId } : {}) }, problems: r.problems };
}

/** A run object (NEAR AI Hub / OpenAI). */
export function parseRun(untrusted: unknown): AitpResult<AitpRun> {
  const tree = toTree(untrusted, 'run', LIST_LIMITS);
  const r = new Reader('run', tree.problems);
  const o = tree.value;
  if (!o || r.failed) return { ok: false, problems: r.problems };
  const id = r.id(o, 'id', '');
  const status = r.oneOf(o, 'status', '', RUN_STATUSES, true);
  const err = isObject(o.last_error) ? r.str(o.last_error, 'message', 'last_error', { max: AITP_LIMITS.shortText }) : undefined;
  if (id === undefined || status === undefined || r.failed) return { ok: false, problems: r.problems };
  const run: AitpRun = { id, status };
  const thread_id = r.id(o, 'thread_id', '', false);
  const assistant_id = r.id(o, 'assistant_id', '', false);
  if (thread_id) run.thread_id = thread_id;
  if (assistant_id) run.assistant_id = assistant_id;
  if (err) run.last_error = err;
  return { ok: true, value: run, problems: r.problems };
}
