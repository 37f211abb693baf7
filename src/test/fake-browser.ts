// An in-memory stand-in for the few `browser.*` APIs the background uses, for unit tests in Node.
// Browser tests (e2e/) cover the real APIs in Chromium and Firefox.
type Listener<A extends unknown[]> = (...args: A) => void;

function area() {
  let data: Record<string, unknown> = {};
  return {
    get: async (key?: string | string[]) => {
      if (key === undefined) return structuredClone(data);
      const keys = Array.isArray(key) ? key : [key];
      return Object.fromEntries(keys.filter((k) => k in data).map((k) => [k, structuredClone(data[k])]));
    },
    set: async (items: Record<string, unknown>) => {
      data = { ...data, ...structuredClone(items) };
    },
    remove: async (key: string | string[]) => {
      for (const k of Array.isArray(key) ? key : [key]) delete data[k];
    },
    clear: async () => {
      data = {};
    },
  };
}

export function createFakeBrowser() {
  const alarms = new Map<string, { name: string; scheduledTime: number }>();
  const alarmListeners: Listener<[{ name: string }]>[] = [];
  return {
    storage: { session: area(), local: area() },
    alarms: {
      create: async (name: string, info: { when: number }) => void alarms.set(name, { name, scheduledTime: info.when }),
      clear: async (name: string) => alarms.delete(name),
      get: async (name: string) => alarms.get(name),
      onAlarm: { addListener: (l: Listener<[{ name: string }]>) => alarmListeners.push(l) },
    },
    runtime: { id: 'test', getURL: (p: string) => `chrome-extension://test/${p}` },
    /** Test helper: what alarms are set. */
    _alarms: alarms,
  };
}
