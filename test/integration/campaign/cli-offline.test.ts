/**
 * `wa-bulk send` without --simulate drives the real whatsapp-web.js client with Debian's Chromium. Offline it cannot
 * reach WhatsApp Web: the command must say so and exit, leaving the campaign saved for `wa-bulk resume`.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runReportCommand } from '../../../src/cli/report';
import { runSendCommand } from '../../../src/cli/send';

const chromium = '/usr/bin/chromium';

function capture() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const text = { out: '', err: '' };
  stdout.on('data', (c: Buffer) => (text.out += c));
  stderr.on('data', (c: Buffer) => (text.err += c));
  return { io: { stdout, stderr }, text };
}

describe.skipIf(!fs.existsSync(chromium))('wa-bulk send with the real WhatsApp, offline', () => {
  it('reports that WhatsApp Web cannot be reached and keeps the campaign resumable', async () => {
    const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'wa-cli-offline-'));
    await fsp.writeFile(path.join(dir, 'c.csv'), 'Name,Phone\nAna,+14155550100\n');
    const send = capture();
    const code = await runSendCommand(
      ['--contacts', path.join(dir, 'c.csv'), '--message', 'Hi {{name}}', '--state', path.join(dir, 'st'), '--browser', chromium],
      send.io,
    );
    expect(code).toBe(4);
    expect(send.text.err).toMatch(/WhatsApp could not start: .+\. The campaign is saved; run `wa-bulk resume --state /);

    const report = capture();
    expect(await runReportCommand(['--state', path.join(dir, 'st'), '--json'], report.io)).toBe(0);
    expect(JSON.parse(report.text.out)).toMatchObject({ state: 'interrupted', total: 1, pending: 1, sent: 0 });
    // Chromium may still be closing its profile: clean up with retries, and never fail the test on cleanup.
    await fsp.rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }).catch(() => undefined);
  }, 90_000);
});
