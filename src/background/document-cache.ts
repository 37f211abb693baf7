// The documents discovery already read, kept for the features that need their full text (Agora and
// AITP endpoints in A2A cards, MCP server cards, ANP descriptions…): opening the popup must not ask
// the site again for what the visit already fetched. Valid as long as the site's discovery cache is.
import { getRecord, putRecord } from '../store/records';
import { getSite } from '../store/sites';
import { fetchText } from './net';

const KIND = 'site-doc';
/** Texts above this are not kept (they are rare and are fetched again when needed). */
const MAX_KEPT_CHARS = 512 * 1024;

interface KeptText {
  text: string;
  at: number;
}

/** Collects the texts of one discovery run; `save()` stores them once the run is recorded. */
export function documentTextCollector(): { onText: (url: string, text: string) => void; save: (now: number) => Promise<void> } {
  const texts = new Map<string, string>();
  return {
    onText: (url, text) => {
      if (text.length <= MAX_KEPT_CHARS) texts.set(url, text);
    },
    save: async (now) => {
      for (const [url, text] of texts) await putRecord<KeptText>(KIND, url, { text, at: now }, now);
    },
  };
}

/** `fetchText` that answers from what discovery kept while the site's discovery cache is fresh. */
export async function cachedFetchText(url: string, kind: 'agentsJson' | 'openapi'): Promise<string> {
  const kept = await getRecord<KeptText>(KIND, url);
  if (kept) {
    const site = await getSite(new URL(url).origin);
    if (site && site.probeAfter > Date.now()) return kept.text;
  }
  return fetchText(url, kind);
}
