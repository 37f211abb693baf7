// Turning an offer (hash + sources, or an inline text) into a verified document: each allowed
// source in order, the first whose text has the offered hash wins — the library's
// download_and_verify_protocol, with Emissary's limits on where it fetches from.
import { parseDataUri, sourceAllowed, verifyDocument, type ProtocolOffer, type VerifiedDocument } from '../../protocols/agora';
import { getSource } from './net';

export type Resolved = (VerifiedDocument & { ok: true; source: string }) | { ok: false; error: string; tried: string[] };

export async function resolveOffer(offer: ProtocolOffer, agentUrl: string, fetchSource = getSource): Promise<Resolved> {
  const tried: string[] = [];
  if (offer.inlineText !== undefined) {
    const v = verifyDocument(offer.inlineText, offer.hash);
    if (v.ok) return { ...v, source: 'inline' };
    tried.push(`the inline text ${v.error}`);
  }
  for (const source of offer.sources.slice(0, 8)) {
    const label = /^data:/i.test(source) ? 'the data: URI' : source.slice(0, 200);
    if (!sourceAllowed(source, agentUrl)) {
      tried.push(`${label} is not on the agent's site (Emissary fetches only from there, or data: URIs)`);
      continue;
    }
    let text: string;
    if (/^data:/i.test(source)) {
      const parsed = parseDataUri(source);
      if (!parsed.ok) {
        tried.push(`${label} ${parsed.error}`);
        continue;
      }
      text = parsed.text;
    } else {
      try {
        text = await fetchSource(source);
      } catch (err) {
        tried.push(`${label} ${(err as Error).message}`);
        continue;
      }
    }
    const v = verifyDocument(text, offer.hash);
    if (v.ok) return { ...v, source };
    tried.push(`${label} ${v.error}`);
  }
  if (!tried.length) tried.push('the offer names no source');
  return { ok: false, error: 'Emissary could not get a document that matches the offered hash.', tried };
}
