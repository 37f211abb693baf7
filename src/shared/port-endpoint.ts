import type { Runtime } from 'webextension-polyfill';
import type { Endpoint } from 'comlink';

// comlink speaks postMessage/addEventListener; a runtime.Port speaks postMessage/onMessage.
// Only plain JSON values cross it (Chrome serialises port messages as JSON).
export function portEndpoint(port: Runtime.Port): Endpoint {
  const wrapped = new Map<EventListenerOrEventListenerObject, (message: unknown) => void>();
  return {
    postMessage(message: unknown) {
      port.postMessage(message);
    },
    addEventListener(_type: string, listener: EventListenerOrEventListenerObject) {
      const forward = (data: unknown) => {
        const event = { data } as MessageEvent;
        if (typeof listener === 'function') listener(event);
        else listener.handleEvent(event);
      };
      wrapped.set(listener, forward);
      port.onMessage.addListener(forward);
    },
    removeEventListener(_type: string, listener: EventListenerOrEventListenerObject) {
      const forward = wrapped.get(listener);
      if (forward) port.onMessage.removeListener(forward);
      wrapped.delete(listener);
    },
  };
}

export const RPC_PORT_NAME = 'emissary-rpc';
