// Paged list results (tools/list, resources/list, prompts/list) and a cursor walker with caps.

export interface Page<T> {
  items: T[];
  nextCursor?: string;
  /** Entries that were skipped, with why. */
  skipped: string[];
  ttlMs?: number;
}

/** Follows `nextCursor` until the end, a repeated cursor, or the caps. */
export async function collectPages<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>, caps = { maxPages: 20, maxItems: 2000 }): Promise<Page<T> & { complete: boolean }> {
  const out: Page<T> = { items: [], skipped: [] };
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let i = 0; i < caps.maxPages; i++) {
    const page = await fetchPage(cursor);
    out.items.push(...page.items);
    out.skipped.push(...page.skipped);
    if (page.ttlMs !== undefined) out.ttlMs = page.ttlMs;
    if (!page.nextCursor) return { ...out, complete: true };
    if (seen.has(page.nextCursor)) return { ...out, skipped: [...out.skipped, 'the server repeated a page cursor; listing stopped'], complete: false };
    if (out.items.length >= caps.maxItems) return { ...out, items: out.items.slice(0, caps.maxItems), complete: false };
    seen.add(page.nextCursor);
    cursor = page.nextCursor;
  }
  return { ...out, skipped: [...out.skipped, `listing stopped after ${caps.maxPages} pages`], complete: false };
}
