import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { ARTIFACTS, REPO } from '../e2e/harness/paths';
import { renderChart, type ChartSpec } from './chart';

/** One benchmark figure: a ratio against a baseline measured in the same run (or a count). */
export interface Figure {
  name: string;
  ratio: number;
  target: number;
  absolute: string;
  /** Throughput figures: the ratio must reach the target, not stay under it. */
  higherIsBetter?: boolean;
  /** The measurement crashed: `npm run bench:ci` fails on these (and only on these). */
  failed?: boolean;
}

export interface Chart {
  /** File name without extension, e.g. "idb-read-time". */
  file: string;
  title: string;
  spec: ChartSpec;
}

const charts: Chart[] = [];

/** Measurements add the curves that say more than a table; the report renders them to SVG. */
export function addChart(chart: Chart): void {
  charts.push(chart);
}

export const passes = (f: Figure) => Number.isFinite(f.ratio) && (f.higherIsBetter ? f.ratio >= f.target : f.ratio <= f.target);

function table(figures: Figure[]): string[] {
  return [
    '| figure | ratio | target | result | absolute |',
    '|---|---|---|---|---|',
    ...figures.map((f) => `| ${f.name} | ${f.ratio.toFixed(3)} | ${f.higherIsBetter ? '≥' : '≤'} ${f.target} | ${passes(f) ? 'PASS' : 'MISS'} | ${f.absolute.replace(/\|/g, '\\|')} |`),
  ];
}

export interface ReportOptions {
  /** Where the dated report goes (bench/reports for a full run); the artifacts copy is always written. */
  dated?: string;
  /** Free text under the table: how the run was made, the misses explained. */
  notes?: string;
  durationS: number;
}

/** Writes artifacts/bench/report.{json,md} (+ chart SVGs), and the dated copy when asked. */
export async function writeReport(figures: Figure[], options: ReportOptions): Promise<string[]> {
  const day = new Date().toISOString().slice(0, 10);
  const targets = [{ dir: join(ARTIFACTS, 'bench'), base: 'report' }];
  if (options.dated) targets.push({ dir: options.dated, base: day });
  const written: string[] = [];
  for (const { dir, base } of targets) {
    await mkdir(dir, { recursive: true });
    const images: string[] = [];
    for (const chart of charts) {
      const file = `${base}-${chart.file}.svg`;
      await writeFile(join(dir, file), await renderChart(chart.spec));
      images.push(`### ${chart.title}\n\n![${chart.title}](${file})`);
    }
    const passed = figures.filter(passes).length;
    const md = [
      `# Emissary benchmarks, ${day}`,
      '',
      `${passed}/${figures.length} PASS. Run took ${(options.durationS / 60).toFixed(1)} min${process.env.BENCH_QUICK === '1' ? ' (BENCH_QUICK=1: few iterations, figures are indicative only)' : ''}. Every ratio is against a baseline measured in the same run.`,
      '',
      ...table(figures),
      '',
      ...(images.length ? ['## Charts', '', ...images.flatMap((i) => [i, ''])] : []),
      ...(options.notes ? [options.notes, ''] : []),
    ];
    await writeFile(join(dir, `${base}.md`), md.join('\n'));
    await writeFile(join(dir, `${base}.json`), JSON.stringify({ at: new Date().toISOString(), durationS: options.durationS, figures: figures.map((f) => ({ ...f, pass: passes(f) })), charts: charts.map((c) => ({ file: `${base}-${c.file}.svg`, title: c.title, data: c.spec.data })) }, null, 2));
    written.push(relative(REPO, join(dir, `${base}.md`)));
  }
  console.table(figures.map((f) => ({ figure: f.name, ratio: f.ratio.toFixed(3), target: `${f.higherIsBetter ? '≥' : '≤'} ${f.target}`, result: passes(f) ? 'PASS' : 'MISS', absolute: f.absolute })));
  console.log(`Reports: ${written.join(', ')} (+ .json)`);
  return written;
}
