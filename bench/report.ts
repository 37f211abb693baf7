import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ARTIFACTS } from '../e2e/harness/paths';

/** One benchmark figure: a ratio against a baseline measured in the same run (or a count). */
export interface Figure {
  name: string;
  ratio: number;
  target: number;
  absolute: string;
}

export async function writeReport(figures: Figure[]): Promise<void> {
  const rows = figures.map((f) => ({ ...f, pass: f.ratio <= f.target }));
  const dir = join(ARTIFACTS, 'bench');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'report.json'), JSON.stringify({ at: new Date().toISOString(), figures: rows }, null, 2));
  const md = ['| figure | ratio | target | result | absolute |', '|---|---|---|---|---|', ...rows.map((r) => `| ${r.name} | ${r.ratio.toFixed(3)} | ≤ ${r.target} | ${r.pass ? 'PASS' : 'MISS'} | ${r.absolute} |`)];
  await writeFile(join(dir, 'report.md'), `# Emissary benchmarks\n\n${md.join('\n')}\n`);
  console.table(rows.map((r) => ({ figure: r.name, ratio: r.ratio.toFixed(3), target: `≤ ${r.target}`, result: r.pass ? 'PASS' : 'MISS', absolute: r.absolute })));
  console.log(`Reports: ${join(dir, 'report.md')}, report.json`);
}
