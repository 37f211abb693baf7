// Builds Emissary for Chrome and Firefox from one source manifest:
// dist/chrome, dist/firefox, dist/emissary-chrome.zip, dist/emissary-firefox.xpi.
import { build } from 'vite';
import { cp, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join, relative, resolve } from 'node:path';
import JSZip from 'jszip';
import { manifestFor, type Browser } from './manifest-variants.ts';

const repo = resolve(import.meta.dirname, '..');
// EMISSARY_DIST lets several builds (parallel work, benchmarks) live side by side.
const dist = resolve(repo, process.env.EMISSARY_DIST ?? 'dist');
const staging = join(dist, 'build');

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else out.push(path);
  }
  return out;
}

async function zipDir(dir: string, target: string): Promise<number> {
  const zip = new JSZip();
  for (const file of (await listFiles(dir)).sort()) {
    // A fixed date keeps the package byte-identical between builds of the same source.
    zip.file(relative(dir, file), await readFile(file), { date: new Date('2026-01-01T00:00:00Z') });
  }
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
  await writeFile(target, bytes);
  return bytes.length;
}

const kb = (n: number) => `${(n / 1024).toFixed(2)} KiB`;

export async function buildAll(): Promise<void> {
  await rm(dist, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const configFile = join(repo, 'vite.config.ts');
  for (const mode of ['pages', 'background', 'content']) await build({ configFile, mode });

  const source = JSON.parse(await readFile(join(repo, 'manifest.json'), 'utf8'));
  const report: string[] = [];
  for (const browser of ['chrome', 'firefox'] as Browser[]) {
    const out = join(dist, browser);
    await cp(staging, out, { recursive: true });
    await writeFile(join(out, 'manifest.json'), JSON.stringify(manifestFor(source, browser), null, 2));
    const files = await listFiles(out);
    let total = 0;
    for (const f of files) total += (await stat(f)).size;
    const pkg = join(dist, browser === 'chrome' ? 'emissary-chrome.zip' : 'emissary-firefox.xpi');
    const packed = await zipDir(out, pkg);
    report.push(`${browser.padEnd(8)} ${String(files.length).padStart(3)} files, ${kb(total)} unpacked, ${kb(packed)} packed → ${relative(repo, pkg)}`);
  }
  await rm(staging, { recursive: true, force: true });

  const content = await readFile(join(dist, 'chrome', 'content.js'));
  console.log('Emissary build');
  console.log(`  content script: ${content.length} bytes, ${gzipSync(content, { level: 9 }).length} bytes gzip (target ≤ 2048 gzip)`);
  for (const line of report) console.log(`  ${line}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildAll().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
