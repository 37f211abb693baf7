// Where a site declares an Agora endpoint. No discovery format names Agora, so Emissary reads any
// JSON discovery document it found (A2A card interfaces, agents.json, ANP descriptions…) for an
// object that says Agora in its transport/protocol/binding/type and gives a URL.
const KIND_KEYS = ['protocolBinding', 'transport', 'protocol', 'type', '@type', 'kind', 'binding'];
const URL_KEYS = ['url', 'endpoint', 'href', 'serviceEndpoint', 'uri'];
const MAX_NODES = 5000;

function urlOf(obj: Record<string, unknown>, base: string): string | null {
  for (const k of URL_KEYS) {
    const v = obj[k];
    if (typeof v !== 'string' || v.length > 2000) continue;
    try {
      const u = new URL(v, base);
      if (u.protocol === 'https:' || u.protocol === 'http:') return u.href;
    } catch {
      /* not a URL */
    }
  }
  return null;
}

/** Agora endpoints a JSON document declares, absolute, at most 8, without duplicates. */
export function findAgoraEndpoints(json: unknown, baseUrl: string): string[] {
  const out = new Set<string>();
  const stack: unknown[] = [json];
  for (let n = 0; stack.length && n < MAX_NODES && out.size < 8; n++) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node.slice(0, 200));
    else if (node && typeof node === 'object') {
      const obj = node as Record<string, unknown>;
      const says = KIND_KEYS.some((k) => typeof obj[k] === 'string' && /^agora\b/i.test(obj[k] as string));
      const url = says ? urlOf(obj, baseUrl) : null;
      if (url) out.add(url);
      // `{"agora": "https://…"}` / `{"agoraEndpoint": …}` as a plain member.
      for (const k of ['agora', 'agoraEndpoint']) if (typeof obj[k] === 'string') {
        const u = urlOf({ url: obj[k] }, baseUrl);
        if (u) out.add(u);
      }
      stack.push(...Object.values(obj).slice(0, 200));
    }
  }
  return [...out];
}
