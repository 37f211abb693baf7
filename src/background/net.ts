// The background's network access for discovery documents and flows: no cookies, no referrer, a
// timeout, a byte cap, and the discovery URL policy checked before the request and after redirects.
import { checkFetchUrl, MAX_BYTES, OPENAPI_TIMEOUT_MS, PROBE_TIMEOUT_MS } from '../protocols/discovery/policy';
import { readCapped } from '../protocols/discovery/read-capped';

export class FetchProblem extends Error {}

export async function fetchText(url: string, kind: 'agentsJson' | 'openapi'): Promise<string> {
  const check = checkFetchUrl(url, true);
  if (!check.ok) throw new FetchProblem(`${url}: ${check.reason}`);
  let response: Response;
  try {
    response = await fetch(check.url, {
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-cache',
      // A followed redirect would already reach wherever the site points (another site, this machine,
      // the local network) before its target could be checked, and browsers hide the target of a
      // manual one: so documents are read only from where they were declared.
      redirect: 'manual',
      headers: { accept: kind === 'openapi' ? 'application/json, application/yaml;q=0.9, text/yaml;q=0.8, */*;q=0.5' : 'application/json' },
      signal: AbortSignal.timeout(kind === 'openapi' ? OPENAPI_TIMEOUT_MS : PROBE_TIMEOUT_MS),
    });
  } catch (err) {
    throw new FetchProblem(`${url}: ${(err as Error).name === 'TimeoutError' ? 'no answer in time' : 'could not be fetched'}`);
  }
  if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
    await response.body?.cancel().catch(() => undefined);
    throw new FetchProblem(`${url}: redirected elsewhere; not followed`);
  }
  if (!response.ok) throw new FetchProblem(`${url}: HTTP ${response.status}`);
  const read = await readCapped(response, kind === 'openapi' ? MAX_BYTES.openapi : MAX_BYTES.agentsJson);
  if (!read.ok) throw new FetchProblem(`${url}: ${read.message}`);
  return read.text;
}
