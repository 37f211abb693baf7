// Test-only helper: locates the shared corpus beside the repository (<repo>/../shared), which holds
// both in this workspace (/work/main + /work/shared) and in CI (<clone> + <clone>/../shared).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SHARED_DIR = path.resolve(repoRoot, '../shared');
export const CORPUS_DIR = path.join(SHARED_DIR, 'corpus/agents-json');

/** A file under shared/, e.g. `specs/anp-vectors/spec-examples/hotel/ad.json`. */
export function sharedText(relative: string): string {
  return readFileSync(path.join(SHARED_DIR, relative), 'utf8');
}

export function corpusText(relative: string): string {
  return readFileSync(path.join(CORPUS_DIR, relative), 'utf8');
}

/** Every file in the corpus, as paths relative to it (sorted). */
export function corpusFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(CORPUS_DIR, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else out.push(rel);
    }
  };
  walk('');
  return out.sort();
}
