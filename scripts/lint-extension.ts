// `web-ext lint` (Mozilla's add-on linter) over the built Firefox package: 0 errors or fail.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

// EMISSARY_DIST: the same folder scripts/build.ts built into.
const dir = resolve(import.meta.dirname, '..', process.env.EMISSARY_DIST ?? 'dist', 'firefox');
const run = spawnSync('npx', ['web-ext', 'lint', '--source-dir', dir, '--output', 'json', '--no-config-discovery'], { encoding: 'utf8' });
let report: { summary: { errors: number; warnings: number; notices: number }; errors: { code: string; message: string; file?: string }[]; warnings: { code: string; message: string; file?: string }[] };
try {
  report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{')));
} catch {
  console.error('web-ext lint gave no report:\n', run.stdout, run.stderr);
  process.exit(1);
}
const { errors, warnings, notices } = report.summary;
console.log(`web-ext lint ${dir}: ${errors} errors, ${warnings} warnings, ${notices} notices`);
for (const w of report.warnings) console.log(`  warning ${w.code}: ${w.message}${w.file ? ` (${w.file})` : ''}`);
for (const e of report.errors) console.error(`  ERROR ${e.code}: ${e.message}${e.file ? ` (${e.file})` : ''}`);
process.exit(errors === 0 ? 0 : 1);
