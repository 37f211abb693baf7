// Agora's network: POST a message to an agent, GET a protocol document from its source. No cookies,
// no referrer, the discovery URL policy (https, or http on this machine), timeouts and byte caps.
// Documents are decoded by hand so their exact text (BOM included, as Python's decoder keeps it)
// is what gets hashed.
import { readResponse, type AgoraOutcome, type AgoraRequest } from '../../protocols/agora';
import { checkFetchUrl } from '../../protocols/discovery/policy';

const POST_TIMEOUT_MS = 30_000;
const GET_TIMEOUT_MS = 10_000;
const RESPONSE_MAX_BYTES = 1024 * 1024;
export const SOURCE_MAX_BYTES = 256 * 1024;

async function readBytes(response: Response, max: number): Promise<Uint8Array | null> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > max) return null;
  if (!response.body) return new Uint8Array(await response.arrayBuffer()).slice(0, max + 1);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function checked(url: string): URL {
  const check = checkFetchUrl(url, true);
  if (!check.ok) throw new Error(`${url.slice(0, 200)} ${check.reason}.`);
  return check.url;
}

/** Sends one Agora message; transport failures come back as `failure` outcomes. */
export async function postAgora(url: string, request: AgoraRequest | { body: string }, method: 'POST' | 'DELETE' = 'POST'): Promise<AgoraOutcome> {
  let response: Response;
  try {
    response = await fetch(checked(url), {
      method, credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store', redirect: 'error',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      ...(method === 'POST' ? { body: JSON.stringify(request) } : {}),
      signal: AbortSignal.timeout(POST_TIMEOUT_MS),
    });
  } catch (err) {
    const name = (err as Error).name;
    return { status: 'failure', message: name === 'TimeoutError' ? 'The agent did not answer in 30 seconds.' : `The agent could not be reached (${(err as Error).message.slice(0, 120)}).` };
  }
  const bytes = await readBytes(response, RESPONSE_MAX_BYTES).catch(() => null);
  if (!bytes) return { status: 'failure', message: 'The agent answered with more than 1 MB; not read.' };
  return readResponse(response.status, new TextDecoder().decode(bytes));
}

/** A document from an https (or local http) source, as exact text; throws a sentence on failure. */
export async function getSource(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(checked(url), {
      credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-cache', redirect: 'error',
      headers: { accept: 'text/plain, text/markdown;q=0.9, */*;q=0.5' }, signal: AbortSignal.timeout(GET_TIMEOUT_MS),
    });
  } catch (err) {
    throw new Error((err as Error).name === 'TimeoutError' ? 'no answer in 10 seconds' : 'could not be fetched');
  }
  if (!response.ok) throw new Error(`answered HTTP ${response.status}`);
  const bytes = await readBytes(response, SOURCE_MAX_BYTES).catch(() => null);
  if (!bytes) throw new Error(`is larger than ${SOURCE_MAX_BYTES / 1024} KiB`);
  const charset = /charset="?([\w.:-]+)/i.exec(response.headers.get('content-type') ?? '')?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(charset, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new Error(`is not valid ${charset} text`);
  }
}
