/**
 * `wa-bulk send` and `wa-bulk resume` start the browser before they read the contacts or the campaigns, so WhatsApp
 * Web loads meanwhile (issue 14). Over the built CLI, the real whatsapp-web.js and Chromium against the stand-in
 * WhatsApp Web: the page asks for a QR while the contact file (a FIFO) has not even been opened; an import that then
 * fails, or fails at once, gives the same message and exit code as before and leaves no Chromium behind; so does a
 * resume with nothing to resume.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { browsersUnder, CHROMIUM, eventually, haveChromium, when } from '../../standin/real-whatsapp-rig';
import { StandinWhatsApp } from '../../standin/standin-server';
import { cliCommand } from './cli-build';

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
  cleanups.push(() => fs.rmSync(work, { recursive: true, force: true }), () => standin.close());
  let qrs = 0;
  standin.on('qr', () => (qrs += 1));
  const browser = standin.writeBrowserWrapper(work, CHROMIUM);
  const stateDir = path.join(work, 'state');
  const send = (contacts: string) => [
    'send', '--contacts', contacts, '--message', 'Hello {{name}}', '--country', 'US', '--min-delay', '0', '--max-delay', '0',
    '--state', stateDir, '--browser', browser,
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
  /** Resolves on the stand-in's first QR request; rejects with the CLI's output if it exits first. */
  const qrRequested = (cliRun: ReturnType<typeof run>) =>
    Promise.race([
      when((listener) => {
        standin.on('qr', listener);
        return () => standin.off('qr', listener);
      }, () => qrs > 0, 'the page to ask for a QR'),
      cliRun.exited.then((code) => {
        throw new Error(`the CLI exited (${code}) before the page asked for a QR:\n${cliRun.out.stderr}`);
      }),
    ]);
  return { standin, work, stateDir, browser, send, run, qrRequested };
}

describe.skipIf(!haveChromium)('wa-bulk starts the browser first', () => {
  it('send: WhatsApp Web asks for a QR before the contact file is opened; the import error then closes the browser', async () => {
    const s = await setup();
    // Opening a FIFO waits for a writer: the import stands still until the test writes, here nothing at all.
    const fifo = path.join(s.work, 'contacts.csv');
    execFileSync('mkfifo', [fifo]);
    const send = s.run(s.send(fifo));
    await s.qrRequested(send);
    const writer = await fsp.open(fifo, 'w');
    await writer.close();

    expect(await send.exited, send.out.stderr).toBe(2);
    expect(send.out.stderr).toMatch(/^wa-bulk send: contacts\.csv: is empty$/m);
    const campaigns = path.join(s.stateDir, 'campaigns');
    expect(fs.existsSync(campaigns) ? fs.readdirSync(campaigns) : [], 'no campaign was created').toEqual([]);
    await eventually(() => browsersUnder(s.stateDir).length === 0, 'no browser after the import error');
    expect(s.standin.sentMessages()).toHaveLength(0);
  }, 120_000);

  it('send: a missing contact file gives the same message and exit code, and no browser is left', async () => {
    const s = await setup();
    const send = s.run(s.send(path.join(s.work, 'nope.csv')));

    expect(await send.exited, send.out.stderr).toBe(2);
    expect(send.out.stderr).toMatch(/^wa-bulk send: nope\.csv: file not found$/m);
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
