import browser from 'webextension-polyfill';
import { wrap, type Remote } from 'comlink';
import { portEndpoint, RPC_PORT_NAME } from './port-endpoint';
import type { BackgroundApi } from './api';

export class BackgroundUnavailableError extends Error {
  constructor() {
    super('Emissary’s background stopped while answering. Please try again.');
    this.name = 'BackgroundUnavailableError';
  }
}

type Connection = { remote: Remote<BackgroundApi>; closed: Promise<never> };

// The service worker may be stopped at any moment; its port dies with it. Each call uses the live
// connection, reconnects when it is gone, and fails (instead of hanging) if the port drops mid-call.
let current: Connection | null = null;

function connect(): Connection {
  const port = browser.runtime.connect({ name: RPC_PORT_NAME });
  let rejectClosed: (e: Error) => void = () => {};
  const closed = new Promise<never>((_, reject) => (rejectClosed = reject));
  closed.catch(() => {});
  const connection: Connection = { remote: wrap<BackgroundApi>(portEndpoint(port)), closed };
  port.onDisconnect.addListener(() => {
    if (current === connection) current = null;
    rejectClosed(new BackgroundUnavailableError());
  });
  return connection;
}

type Method<K extends keyof BackgroundApi> = BackgroundApi[K] extends (...args: infer A) => infer R
  ? (...args: A) => Promise<Awaited<R>>
  : never;

export type BackgroundClient = { [K in keyof BackgroundApi]: Method<K> };

export const background = new Proxy({} as BackgroundClient, {
  get(_target, name: string) {
    return async (...args: unknown[]) => {
      const connection = (current ??= connect());
      const fn = (connection.remote as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[name];
      return Promise.race([fn(...args), connection.closed]);
    };
  },
});
