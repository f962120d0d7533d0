// `npm start [-- --demo]`: build, then launch the Electron app. Where no Electron binary can be had (an offline
// machine), say so plainly and point at the browser host, which runs the same app in a browser.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

let electronPath;
try {
  electronPath = require('electron'); // downloads the binary on first use (Electron 45 installs it lazily)
} catch (err) {
  console.error(`\nCould not start Electron: ${err instanceof Error ? err.message : err}`);
  console.error('Without an Electron binary you can run the same app in your browser instead:');
  console.error(`  npm run host${args.includes('--demo') ? ' -- --demo' : ''}`);
  console.error('and open the whole address it prints (http://127.0.0.1:PORT/…/: the last part is a secret for that run).\n');
  process.exit(1);
}
const child = spawn(electronPath, ['.', ...args], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
