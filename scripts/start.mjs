// `npm start [-- --demo]`: build, then launch the Electron app. Where no Electron binary can be had (an offline
// machine), say so in one paragraph and point at the browser host, which runs the same app in a browser.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { electronUnavailableText, findElectronBinary } from './electron-binary.mjs';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const electronDir = path.dirname(require.resolve('electron/package.json'));
const electron = findElectronBinary({ electronDir });
if (!electron.ok) {
  console.error(electronUnavailableText(electron.reason, args.includes('--demo')));
  process.exit(1);
}
const child = spawn(electron.path, ['.', ...args], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
