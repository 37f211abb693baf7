// One-off: re-render the page-load chart of today's report with per-page y scales.
import { readFileSync, writeFileSync } from 'node:fs';
import { renderChart, boxChart } from './chart.ts';
const dir = process.argv[2];
const day = process.argv[3];
const report = JSON.parse(readFileSync(`${dir}/${day}.json`, 'utf8'));
const chart = report.charts.find((c: { file: string }) => c.file.endsWith('page-load.svg'));
writeFileSync(`${dir}/${chart.file}`, await renderChart(boxChart('Page load, ms (navigation start → load event end)', 'ms', chart.data.values)));
console.log('rendered', chart.file);
