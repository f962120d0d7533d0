import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBrowser } from '../../../src/platform/browser-check';
import { AppFailure } from '../../../src/shared/result';

const CHROMIUM = '/usr/bin/chromium';
const posix = process.platform !== 'win32';

async function script(body: string, name = 'program'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'browser-check-'));
  const file = path.join(dir, name);
  await writeFile(file, `#!/bin/sh\n${body}\n`);
  await chmod(file, 0o755);
  return file;
}

async function refusal(chosen: string, options?: Parameters<typeof checkBrowser>[1]): Promise<AppFailure> {
  const err = await checkBrowser(chosen, options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppFailure);
  expect((err as AppFailure).code).toBe('bad_request');
  return err as AppFailure;
}

describe('checkBrowser: only Chrome, Edge or Chromium is saved as the browser', () => {
  it.skipIf(!existsSync(CHROMIUM))('accepts the installed Chromium and says which version it is', async () => {
    const checked = await checkBrowser(CHROMIUM);
    expect(checked.executablePath).toBe(CHROMIUM);
    expect(checked.version).toMatch(/^Chromium \d+\.\d+\.\d+\.\d+/);
  });

  it.skipIf(!posix)('refuses a shell, naming the program and what it answered', async () => {
    const err = await refusal('/bin/sh');
    expect(err.message).toMatch(/^\/bin\/sh is not Chrome, Edge or Chromium/);
  });

  it.skipIf(!posix)('refuses a program that prints something else, quoting it', async () => {
    const other = await script('echo "Totally Not A Browser 1.0"');
    const err = await refusal(other);
    expect(err.message).toContain(`${other} is not Chrome, Edge or Chromium`);
    expect(err.message).toContain('"Totally Not A Browser 1.0"');
    const silent = await script('exit 0');
    expect((await refusal(silent)).message).toContain('answered nothing');
  });

  it.skipIf(process.platform !== 'linux')('gives up on a program that does not answer, and kills what it started', async () => {
    // The background child keeps the output pipe open: only killing the whole process group ends it.
    const pidFile = path.join(await mkdtemp(path.join(os.tmpdir(), 'browser-check-')), 'child.pid');
    const hangs = await script(`sleep 60 &\necho $! > "${pidFile}"\nwait`);
    const err = await refusal(hangs, { timeoutMs: 2000 });
    expect(err.message).toMatch(/did not answer --version within 2 s/);
    const child = Number(await readFile(pidFile, 'utf8'));
    expect(child).toBeGreaterThan(0);
    // Gone, or a zombie waiting for its reaper: either way no longer running.
    const running = () => {
      try {
        return readFileSync(`/proc/${child}/stat`, 'utf8').split(') ')[1]![0] !== 'Z';
      } catch {
        return false;
      }
    };
    await expect.poll(running).toBe(false);
  });

  it('refuses what is not a program file: missing, a folder, not executable', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'browser-check-'));
    expect((await refusal(path.join(dir, 'missing'))).message).toMatch(/does not exist/);
    expect((await refusal(dir)).message).toMatch(/is not a program file/);
    const plain = path.join(dir, 'chrome');
    await writeFile(plain, 'Chromium 1.2.3.4');
    await chmod(plain, 0o644);
    if (posix) expect((await refusal(plain)).message).toMatch(/could not be run: it is not executable/);
  });

  it('on Windows takes chrome.exe or msedge.exe beside their version folder (chrome.exe --version opens a window)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'browser-check-win-'));
    await mkdir(path.join(dir, '131.0.6778.86'));
    await mkdir(path.join(dir, '130.0.6723.117'));
    for (const name of ['chrome.exe', 'msedge.exe', 'notepad.exe']) await writeFile(path.join(dir, name), 'MZ');
    expect(await checkBrowser(path.join(dir, 'chrome.exe'), { platform: 'win32' })).toEqual({
      executablePath: path.join(dir, 'chrome.exe'),
      version: 'Google Chrome 131.0.6778.86',
    });
    expect((await checkBrowser(path.join(dir, 'msedge.exe'), { platform: 'win32' })).version).toBe('Microsoft Edge 131.0.6778.86');
    expect((await refusal(path.join(dir, 'notepad.exe'), { platform: 'win32' })).message).toMatch(/choose chrome\.exe or msedge\.exe/);
    const bare = await mkdtemp(path.join(os.tmpdir(), 'browser-check-win-'));
    await writeFile(path.join(bare, 'chrome.exe'), 'MZ');
    expect((await refusal(path.join(bare, 'chrome.exe'), { platform: 'win32' })).message).toMatch(/no version folder/);
  });

  it.skipIf(!posix)('on macOS looks inside a chosen .app bundle', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'browser-check-mac-'));
    const bundle = path.join(root, 'Chromium.app');
    const macos = path.join(bundle, 'Contents', 'MacOS');
    await mkdir(macos, { recursive: true });
    await writeFile(path.join(macos, 'Chromium'), '#!/bin/sh\necho "Chromium 126.0.6478.126"\n');
    await chmod(path.join(macos, 'Chromium'), 0o755);
    expect(await checkBrowser(bundle, { platform: 'darwin' })).toEqual({
      executablePath: path.join(macos, 'Chromium'),
      version: 'Chromium 126.0.6478.126',
    });
    const empty = path.join(root, 'Notes.app');
    await mkdir(empty);
    expect((await refusal(empty, { platform: 'darwin' })).message).toMatch(/has no Contents\/MacOS\/Notes/);
  });
});
