// Package size: the bytes a user downloads from the store, Chrome zip and Firefox xpi, against the
// 600 KB budget (a count, so it holds on any machine).
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DIST } from '../e2e/harness/paths';
import type { Figure } from './report';

const BUDGET = 600 * 1024;

async function biggestFiles(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = await Promise.all(entries.filter((e) => e.isFile()).map(async (e) => ({ name: join(e.parentPath, e.name).slice(dir.length + 1), size: (await stat(join(e.parentPath, e.name))).size })));
  return files.sort((a, b) => b.size - a.size).slice(0, 3).map((f) => `${f.name} ${(f.size / 1024).toFixed(0)} KiB`).join(', ');
}

export async function measurePackageSize(): Promise<Figure[]> {
  const root = join(DIST.chrome, '..');
  const figures: Figure[] = [];
  for (const [label, file, dir] of [['Chrome', 'emissary-chrome.zip', DIST.chrome], ['Firefox', 'emissary-firefox.xpi', DIST.firefox]] as const) {
    const bytes = (await stat(join(root, file))).size;
    figures.push({
      name: `Package size, ${label} (${file}) ÷ 600 KB`,
      ratio: bytes / BUDGET,
      target: 1,
      absolute: `${(bytes / 1024).toFixed(1)} KiB packed; largest unpacked files: ${await biggestFiles(dir)}`,
    });
  }
  return figures;
}
