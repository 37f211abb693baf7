// `npm run bench`: builds, measures, prints a table and writes artifacts/bench/report.{json,md}.
import { buildAll } from '../scripts/build.ts';
import { measureContentSize } from './content-size.ts';
import { measureUnlock } from './unlock.ts';
import { writeReport } from './report.ts';

await buildAll();
await writeReport([...(await measureContentSize()), ...(await measureUnlock())]);
