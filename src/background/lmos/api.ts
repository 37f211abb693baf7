import type { Result } from '../../shared/api';
import type { LmosApi, LmosInvocationView } from '../../shared/api-lmos';
import { chatAction } from '../../protocols/lmos';
import { getThread } from '../../store/threads';
import type { BackgroundContext } from '../context';
import { createLmosChatHandler, type LmosRemote } from './chat';
import { LmosService, type Invocation } from './service';

async function attempt<T>(fn: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

const threadIdFor = (origin: string, tdUrl: string) => `lmos:${origin}:${tdUrl}`;
const view = ({ done: _done, ...rest }: Invocation): LmosInvocationView => structuredClone(rest);

/** Called once per worker life: registers LMOS's handlers and returns its popup methods. */
export function createLmosApi(ctx: BackgroundContext): LmosApi {
  const service = new LmosService(ctx.fetchText);
  ctx.inbox.register('lmos', createLmosChatHandler(ctx.inbox, service));

  return {
    lmosThings: (origin) => attempt(async () => {
      const things = await service.things(origin);
      return Promise.all(things.map(async (t) => {
        const thread = await getThread(threadIdFor(origin, t.url));
        return { ...t, conversational: chatAction(t.td) !== null, ...(thread ? { threadId: thread.id } : {}) };
      }));
    }),
    lmosInvoke: (origin, tdUrl, action, input, transport) => attempt(async () => view(await service.invoke(await service.thing(origin, tdUrl), action, input, transport))),
    lmosInvocation: async (id) => {
      const inv = service.invocation(id);
      return inv ? { ok: true, value: view(inv) } : { ok: false, error: 'Emissary no longer follows that invocation.' };
    },
    lmosReadProperty: (origin, tdUrl, name, transport) => attempt(async () => service.readProperty(await service.thing(origin, tdUrl), name, transport)),
    lmosWatch: (origin, tdUrl, events, properties) => attempt(async () => ({ watchId: await service.watch(await service.thing(origin, tdUrl), events.slice(0, 16), properties.slice(0, 16)) })),
    lmosWatchPoll: async (watchId, after) => {
      const r = service.poll(watchId, after);
      return r ? { ok: true, value: structuredClone(r) } : { ok: false, error: 'The subscription has ended.' };
    },
    lmosUnwatch: async (watchId) => service.unwatch(watchId),
    lmosChat: (origin, tdUrl, text) => attempt(async () => {
      const thing = await service.thing(origin, tdUrl);
      if (!chatAction(thing.td)) throw new Error(`${thing.td.title} has no chat action.`);
      const id = threadIdFor(origin, tdUrl);
      if (!(await getThread(id))) {
        await ctx.inbox.open({ id, origin, protocol: 'lmos', agent: { url: tdUrl, name: thing.td.title }, title: `LMOS · ${thing.td.title}`, state: 'waiting-for-you', remote: { tdUrl, conversationId: crypto.randomUUID() } satisfies LmosRemote as unknown as Record<string, unknown> });
      }
      if (text?.trim()) {
        const sent = await ctx.inbox.send(id, text);
        if (!sent.ok) throw new Error(sent.error);
      }
      return { threadId: id };
    }),
  };
}
