// `npm run bench`: builds, measures, prints a table and writes artifacts/bench/report.{json,md}.
// Options: `npm run bench -- --only page-cost,discovery` runs some figures; `--no-build` reuses dist/;
// BENCH_QUICK=1 runs a few iterations of each (the short version for CI).
import { buildAll } from '../scripts/build.ts';
import { measureContentSize } from './content-size.ts';
import { measureUnlock } from './unlock.ts';
import { measurePageCost } from './page-cost.ts';
import { measureDiscoveryRequests } from './discovery-requests.ts';
import { measureDiscoveryLatency } from './discovery-latency.ts';
import { measurePopupScale } from './popup-scale.ts';
import { measureWorkerWake } from './worker-wake.ts';
import { writeReport, type Figure } from './report.ts';

const MEASUREMENTS: [string, () => Promise<Figure[]>][] = [
  ['content-size', () => measureContentSize()],
  ['unlock', () => measureUnlock()],
  ['page-cost', () => measurePageCost()],
  ['discovery-requests', () => measureDiscoveryRequests()],
  ['discovery-latency', () => measureDiscoveryLatency()],
  ['popup-scale', () => measurePopupScale()],
  ['worker-wake', () => measureWorkerWake()],
];

const args = process.argv.slice(2);
const onlyArg = args.find((a) => a.startsWith('--only'));
const only = onlyArg ? (onlyArg.includes('=') ? onlyArg.split('=')[1] : args[args.indexOf(onlyArg) + 1]).split(',') : null;

if (!args.includes('--no-build')) await buildAll();
const figures: Figure[] = [];
for (const [name, measure] of MEASUREMENTS) {
  if (only && !only.includes(name)) continue;
  const t0 = Date.now();
  try {
    figures.push(...(await measure()));
  } catch (err) {
    // One broken measurement must not hide the others: it shows as a MISS with the error.
    console.error(`bench ${name} failed:`, err);
    figures.push({ name: `${name}: failed to measure`, ratio: Number.POSITIVE_INFINITY, target: 0, absolute: String((err as Error)?.message ?? err).split('\n')[0].slice(0, 160) });
  }
  console.log(`bench ${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
await writeReport(figures);
