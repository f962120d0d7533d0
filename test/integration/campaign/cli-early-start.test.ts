/**
 * `wa-bulk send` and `wa-bulk resume` start the browser before they read the contacts or the campaigns, so WhatsApp
 * Web loads meanwhile (issue 14). With the real whatsapp-web.js and Chromium against the stand-in WhatsApp Web: the
 * page asks for a QR while the contact import has not even begun (held by the test); an import that then fails, or
 * fails at once, gives the same message and exit code as before and leaves no Chromium behind; so does a resume
 * with nothing to resume. The first case runs the command in this process (to hold the import); the others run the
 * built CLI.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runSendCommand } from '../../../src/cli/send';
import { browsersUnder, CHROMIUM, eventually, haveChromium, when } from '../../standin/real-whatsapp-rig';
import { StandinWhatsApp } from '../../standin/standin-server';
import { cliCommand } from './cli-build';

/** While `held` is set, the contact import waits for it before it reads anything. */
const importGate = vi.hoisted(() => ({ held: null as Promise<void> | null, calls: 0 }));
vi.mock('../../../src/campaign/contacts-source', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/campaign/contacts-source')>();
  return {
    ...real,
    importContactFile: async (...args: Parameters<typeof real.importContactFile>) => {
      importGate.calls += 1;
      if (importGate.held) await importGate.held;
      return real.importContactFile(...args);
    },
  };
});

let cli: string[];
beforeAll(() => {
  cli = cliCommand();
}, 320_000);

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup() {
  const standin = await StandinWhatsApp.start({ generation: 'minified' });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-cli-early-start-'));
  cleanups.push(
    () => fs.rmSync(work, { recursive: true, force: true }),
    () => standin.close(),
  );
  let qrs = 0;
  standin.on('qr', () => (qrs += 1));
  const browser = standin.writeBrowserWrapper(work, CHROMIUM);
  const stateDir = path.join(work, 'state');
  const send = (contacts: string) => [
    'send',
    '--contacts',
    contacts,
    '--message',
    'Hello {{name}}',
    '--country',
    'US',
    '--min-delay',
    '0',
    '--max-delay',
    '0',
    '--state',
    stateDir,
    '--browser',
    browser,
  ];
  const run = (args: string[]) => {
    const child = spawn(process.execPath, [...cli, ...args], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
    cleanups.push(() => child.kill('SIGKILL'));
    const out = { stdout: '', stderr: '' };
    child.stdout!.on('data', (chunk: Buffer) => (out.stdout += chunk));
    child.stderr!.on('data', (chunk: Buffer) => (out.stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    return { child, out, exited };
  };
  return { standin, work, stateDir, browser, send, run, qrs: () => qrs };
}

describe.skipIf(!haveChromium)('wa-bulk starts the browser first', () => {
  it('send: WhatsApp Web asks for a QR before the contact import has begun; its error then closes the browser', async () => {
    const s = await setup();
    let release: () => void = () => undefined;
    importGate.held = new Promise((resolve) => (release = resolve));
    cleanups.push(() => {
      importGate.held = null;
      release();
    });
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (chunk: Buffer) => (err += chunk));
    stdout.resume();
    const exited = runSendCommand(s.send(path.join(s.work, 'nope.csv')).slice(1), { stdout, stderr });

    await when(
      (listener) => {
        s.standin.on('qr', listener);
        return () => s.standin.off('qr', listener);
      },
      () => s.qrs() > 0,
      'the page to ask for a QR',
    );
    expect(importGate.calls, 'the import was reached and is held').toBe(1);
    release();

    expect(await exited, err).toBe(2);
    expect(err).toMatch(/^wa-bulk send: nope\.csv: file not found$/m);
    const campaigns = path.join(s.stateDir, 'campaigns');
    expect(fs.existsSync(campaigns) ? fs.readdirSync(campaigns) : [], 'no campaign was created').toEqual([]);
    await eventually(() => browsersUnder(s.stateDir).length === 0, 'no browser after the import error');
    // The page's socket closes with the browser; the server hears of it a moment after the process is gone.
    await eventually(() => !s.standin.isConnected(), 'the page to be closed with the browser');
  }, 120_000);

  it('send: a missing contact file gives the same message and exit code, and no browser is left', async () => {
    const s = await setup();
    const send = s.run(s.send(path.join(s.work, 'nope.csv')));

    expect(await send.exited, send.out.stderr).toBe(2);
    // The browser was started first; the import's error is the same as ever.
    expect(send.out.stderr).toMatch(/^Starting the browser\n(.*\n)*wa-bulk send: nope\.csv: file not found$/m);
    await eventually(() => browsersUnder(s.stateDir).length === 0, 'no browser after the import error');
  }, 120_000);

  it('resume: nothing to resume closes the browser it started', async () => {
    const s = await setup();
    const resume = s.run(['resume', '--state', s.stateDir, '--browser', s.browser]);

    expect(await resume.exited, resume.out.stderr).toBe(0);
    expect(resume.out.stdout).toMatch(/Nothing to resume in /);
    await eventually(() => browsersUnder(s.stateDir).length === 0, 'no browser after resume found nothing');
  }, 120_000);
});
