// `npm run bench [-- NAME...]`: runs each benchmark in bench/ (or only those named) one after another, in its own
// Node process so one's memory does not count against the next. Benchmarks print their own figures.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const wanted = process.argv.slice(2);
const benches = readdirSync('bench')
  .filter((f) => /\.bench\.ts$|-bench\.ts$/.test(f))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();
if (benches.length === 0) {
  console.error(`No benchmark matches ${wanted.join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const file of benches) {
  console.log(`\n== ${file}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join('bench', file)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
