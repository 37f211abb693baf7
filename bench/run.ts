// `npm run bench`: builds, measures, prints a table and writes artifacts/bench/report.{json,md} with
// chart SVGs; a full run also writes the dated copy under bench/reports/.
// Options: `npm run bench -- --only page-cost,discovery-latency` runs some figures; `--no-build` reuses
// the build in EMISSARY_DIST (default dist/); `--browsers chromium` skips the Firefox figures.
// BENCH_QUICK=1 runs a few iterations of each (`npm run bench:ci`: the short version for CI, which
// exits non-zero only when a measurement crashed, never on a MISS).
import { join } from 'node:path';
import { buildAll } from '../scripts/build.ts';
import { REPO } from '../e2e/harness/paths';
import { measureContentSize } from './content-size.ts';
import { measurePackageSize } from './package-size.ts';
import { measureSigning } from './signing.ts';
import { measurePaidRequest } from './paid-request.ts';
import { measureScale } from './scale.ts';
import { measureUnlock } from './unlock.ts';
import { measurePageCost } from './page-cost.ts';
import { measureFirefoxPageCost, measureFirefoxDiscoveryLatency } from './firefox.ts';
import { measureDiscoveryRequests } from './discovery-requests.ts';
import { measureDiscoveryLatency } from './discovery-latency.ts';
import { measurePopupScale } from './popup-scale.ts';
import { measureWorkerWake } from './worker-wake.ts';
import { QUICK } from './common.ts';
import { writeReport, type Figure } from './report.ts';
import { NOTES } from './notes.ts';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const a = args.find((x) => x === name || x.startsWith(`${name}=`));
  return a === undefined ? null : a.includes('=') ? a.split('=')[1] : args[args.indexOf(a) + 1];
};
const only = flag('--only')?.split(',') ?? null;
const browsers = flag('--browsers')?.split(',') ?? ['chromium', 'firefox'];

const MEASUREMENTS: [string, () => Promise<Figure[]>, 'node' | 'chromium' | 'firefox'][] = [
  ['content-size', () => measureContentSize(), 'node'],
  ['package-size', () => measurePackageSize(), 'node'],
  ['signing', () => measureSigning(), 'node'],
  ['paid-request', () => measurePaidRequest(), 'node'],
  ['scale', () => measureScale(), 'node'],
  ['unlock', () => measureUnlock(), 'chromium'],
  ['page-cost', () => measurePageCost(), 'chromium'],
  ['discovery-requests', () => measureDiscoveryRequests(), 'chromium'],
  ['discovery-latency', () => measureDiscoveryLatency(), 'chromium'],
  ['popup-scale', () => measurePopupScale(), 'chromium'],
  ['worker-wake', () => measureWorkerWake(), 'chromium'],
  ['firefox-page-cost', () => measureFirefoxPageCost(), 'firefox'],
  ['firefox-discovery-latency', () => measureFirefoxDiscoveryLatency(), 'firefox'],
];

const started = Date.now();
if (!args.includes('--no-build')) await buildAll();
const figures: Figure[] = [];
for (const [name, measure, where] of MEASUREMENTS) {
  if (only && !only.includes(name)) continue;
  if (where !== 'node' && !browsers.includes(where)) continue;
  const t0 = Date.now();
  try {
    figures.push(...(await measure()));
  } catch (err) {
    // One broken measurement must not hide the others: it shows as a MISS with the error.
    console.error(`bench ${name} failed:`, err);
    figures.push({ name: `${name}: failed to measure`, ratio: Number.POSITIVE_INFINITY, target: 0, failed: true, absolute: String((err as Error)?.message ?? err).split('\n')[0].slice(0, 160) });
  }
  console.log(`bench ${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
const durationS = (Date.now() - started) / 1000;
// A full run of everything is the one worth keeping: it goes to bench/reports/<date>.md.
const full = !QUICK && !only && browsers.includes('firefox');
await writeReport(figures, { durationS, notes: NOTES, dated: full || args.includes('--dated') ? join(REPO, 'bench', 'reports') : undefined });
console.log(`bench: ${(durationS / 60).toFixed(1)} min`);
if (figures.some((f) => f.failed)) process.exitCode = 1;
