// Resolution of other parties' did:wba DIDs (ANP-03 §2): the URL mapping, a fetch that refuses
// cross-origin redirects, then the document checks of did-document.ts (id equals the DID, e1_
// thumbprint, eddsa-jcs-2022 proof). Results are cached for ten minutes per worker life.
import { parseDidDocument, type DidDocument } from '../../protocols/anp/did-document';
import { didWbaToUrl } from '../../protocols/anp/did-wba';
import { readCapped } from '../../protocols/discovery/read-capped';

const TTL_MS = 10 * 60_000;
const cache = new Map<string, { at: number; value: ResolvedDid }>();

export type ResolvedDid = { ok: true; document: DidDocument } | { ok: false; problem: string };

export async function resolveDid(did: string, now = Date.now()): Promise<ResolvedDid> {
  const hit = cache.get(did);
  if (hit && now - hit.at < TTL_MS) return hit.value;
  const value = await resolveUncached(did);
  cache.set(did, { at: now, value });
  return value;
}

async function resolveUncached(did: string): Promise<ResolvedDid> {
  let url: string;
  try {
    url = didWbaToUrl(did, { loopbackHttp: true });
  } catch (err) {
    return { ok: false, problem: (err as Error).message };
  }
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-cache', headers: { accept: 'application/did+json, application/json' }, signal: AbortSignal.timeout(8_000) });
  } catch {
    return { ok: false, problem: `${url} could not be fetched` };
  }
  if (res.redirected && new URL(res.url).origin !== new URL(url).origin) return { ok: false, problem: `${url} redirected to another site; not followed` };
  if (!res.ok) return { ok: false, problem: `${url} answered HTTP ${res.status}` };
  const read = await readCapped(res, 256 * 1024);
  if (!read.ok) return { ok: false, problem: `${url}: ${read.message}` };
  const parsed = parseDidDocument(read.text, url);
  const errors = parsed.problems.filter((p) => p.severity === 'error');
  if (!parsed.detail || parsed.detail.id !== did) return { ok: false, problem: errors[0]?.message ?? `the document at ${url} is not ${did}'s` };
  if (errors.length) return { ok: false, problem: errors[0].message };
  if (parsed.detail.e1Binding === 'mismatch' || (parsed.detail.e1Binding === 'verified' && !parsed.detail.proofVerified)) return { ok: false, problem: 'the e1_ binding or its proof does not verify' };
  return { ok: true, document: parsed.detail };
}
