import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { DIST } from '../e2e/harness/paths';
import type { Figure } from './report';

/** Content script size, gzip, against the 2 KiB budget (a count, so it holds on any machine). */
export async function measureContentSize(): Promise<Figure[]> {
  const bytes = await readFile(`${DIST.chrome}/content.js`);
  const gz = gzipSync(bytes, { level: 9 }).length;
  return [{ name: 'Content script gzip bytes ÷ 2048', ratio: gz / 2048, target: 1, absolute: `${bytes.length} B raw, ${gz} B gzip` }];
}
