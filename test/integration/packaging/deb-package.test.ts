import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStandinElectron } from '../../support/standin-electron';
import { ensureBuilt, repoRoot, run } from './packaged-app';

/**
 * electron-builder's deb target, run for real with the repository's configuration up to the point where it hands
 * everything to fpm (the deb target used to stop before that, for want of a homepage and an author's email). fpm
 * itself is downloaded from GitHub on first use, which cannot happen here, so CUSTOM_FPM_PATH points at a
 * stand-in that records its arguments and the .desktop file it is given. The AppImage target needs a downloaded
 * toolset as well and is not run.
 */
interface FpmCall {
  args: string[];
  desktopFiles: Record<string, string>;
}

let work: string;
let fpm: FpmCall;

const FAKE_FPM = `#!${process.execPath}
const fs = require('node:fs');
const args = process.argv.slice(2);
const desktopFiles = {};
for (const arg of args) {
  const source = /^(.+\\.desktop)=/.exec(arg);
  if (source) desktopFiles[arg.slice(source[1].length + 1)] = fs.readFileSync(source[1], 'utf8');
}
fs.writeFileSync(process.env.FAKE_FPM_RECORD, JSON.stringify({ args, desktopFiles }));
fs.writeFileSync(args[args.indexOf('--package') + 1], 'stand-in deb');
`;

beforeAll(async () => {
  await ensureBuilt();
  work = await mkdtemp(path.join(tmpdir(), 'wa-deb-'));
  const electronDist = await makeStandinElectron(path.join(work, 'electron'));
  const fakeFpm = path.join(work, 'fpm');
  await writeFile(fakeFpm, FAKE_FPM);
  await chmod(fakeFpm, 0o755);
  const record = path.join(work, 'fpm.json');
  const cli = require.resolve('electron-builder/cli.js', { paths: [repoRoot] });
  await run(
    process.execPath,
    [cli, '--linux', 'deb', '--x64', '--publish', 'never', `-c.electronDist=${electronDist}`, `-c.directories.output=${path.join(work, 'release')}`],
    { cwd: repoRoot, env: { ...process.env, CUSTOM_FPM_PATH: fakeFpm, FAKE_FPM_RECORD: record } },
  );
  fpm = JSON.parse(await readFile(record, 'utf8')) as FpmCall;
}, 240_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** The value after an fpm option (`--maintainer X`), or every value of a repeated one. */
const option = (name: string) => fpm.args[fpm.args.indexOf(name) + 1];
const options = (name: string) => fpm.args.flatMap((arg, i) => (arg === name ? [fpm.args[i + 1]] : []));
/** fpm's `source=destination` arguments, by destination. */
const installed = () => new Map(fpm.args.filter((a) => a.includes('=/')).map((a) => [a.slice(a.indexOf('=/') + 1), a.slice(0, a.indexOf('=/'))]));

describe('the deb package (electron-builder --linux deb, fpm stood in)', () => {
  it('carries the homepage, maintainer and vendor', () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { homepage: string };
    expect(option('--name')).toBe('wa-bulk-sender');
    expect(option('--url')).toBe(pkg.homepage);
    expect(option('--maintainer')).toMatch(/^.+ <[^@\s>]+@[^@\s>]+>$/);
    expect(option('--vendor')).toBeTruthy();
    expect(option('--package')).toMatch(/wa-bulk-sender_0\.\d+\.\d+_amd64\.deb$/);
  });

  it('recommends a browser for WhatsApp Web to run in', () => {
    expect(options('--deb-recommends')).toContain('chromium | google-chrome-stable | microsoft-edge-stable');
  });

  it('installs a desktop entry named after desktopName that starts the app with its icon', () => {
    const entry = fpm.desktopFiles['/usr/share/applications/wa-bulk-sender.desktop'];
    expect(entry, 'desktop file installed as wa-bulk-sender.desktop').toBeDefined();
    const lines = entry!.split('\n');
    expect(lines[0]).toBe('[Desktop Entry]');
    expect(lines).toContain('Name=WA Bulk Sender');
    expect(lines).toContain('Exec="/opt/WA Bulk Sender/wa-bulk-sender" %U');
    expect(lines).toContain('Icon=wa-bulk-sender');
    expect(lines).toContain('StartupWMClass=wa-bulk-sender');
    expect(lines).toContain('Categories=Office;');
  });

  it('installs the icon set into the hicolor theme, one file per size', () => {
    const files = installed();
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(files.get(`/usr/share/icons/hicolor/${size}x${size}/apps/wa-bulk-sender.png`)).toBe(
        path.join(repoRoot, 'build', 'icons', `${size}x${size}.png`),
      );
    }
  });
});
