// The one source manifest.json carries the union; each browser gets only the keys it understands,
// so neither store nor `web-ext lint` sees a key meant for the other browser.
export type Browser = 'chrome' | 'firefox';

type Manifest = Record<string, unknown> & { background: { service_worker: string; type?: string } };

export function manifestFor(source: Manifest, browser: Browser): Record<string, unknown> {
  const manifest = structuredClone(source) as Record<string, unknown>;
  if (browser === 'chrome') {
    delete manifest.browser_specific_settings;
    return manifest;
  }
  // Firefox MV3 has no background service worker: it runs the same script as an event page.
  const { service_worker, type } = source.background;
  manifest.background = { scripts: [service_worker], ...(type ? { type } : {}) };
  return manifest;
}
