// readCapped: read a response body as UTF-8 text, stopping as soon as it passes a byte cap.

/** The part of a fetch Response this module needs; a real Response fits. */
export interface ResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  body?: ReadableStream<Uint8Array> | null;
  text?: () => Promise<string>;
}

export type CappedRead =
  | { ok: true; text: string; bytes: number }
  | { ok: false; reason: 'too-large' | 'unreadable'; message: string };

function tooLarge(maxBytes: number, seen: number | string): CappedRead {
  return { ok: false, reason: 'too-large', message: `is larger than ${maxBytes} bytes (${seen}); not read` };
}

function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}

/**
 * Rejects early on a Content-Length over the cap, then streams the body, cancelling the stream once
 * the cap is passed. Falls back to `text()` (checked after the fact) when there is no stream.
 * A UTF-8 BOM is dropped; malformed UTF-8 becomes U+FFFD.
 */
export async function readCapped(response: ResponseLike, maxBytes: number): Promise<CappedRead> {
  const declared = response.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes) {
    return tooLarge(maxBytes, `Content-Length ${declared.trim()}`);
  }
  try {
    if (response.body && typeof response.body.getReader === 'function') {
      const reader = response.body.getReader();
      const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
      let bytes = 0;
      let text = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.byteLength;
        if (bytes > maxBytes) {
          await reader.cancel().catch(() => undefined);
          return tooLarge(maxBytes, `at least ${bytes} bytes`);
        }
        text += decoder.decode(value, { stream: true });
      }
      text += decoder.decode();
      return { ok: true, text, bytes };
    }
    if (typeof response.text === 'function') {
      const raw = await response.text();
      const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
      const bytes = raw.length > maxBytes ? raw.length : utf8Bytes(raw);
      if (bytes > maxBytes) return tooLarge(maxBytes, `${bytes} bytes`);
      return { ok: true, text, bytes };
    }
    return { ok: true, text: '', bytes: 0 };
  } catch (err) {
    return { ok: false, reason: 'unreadable', message: `could not be read (${err instanceof Error ? err.message.slice(0, 160) : 'error'})` };
  }
}
