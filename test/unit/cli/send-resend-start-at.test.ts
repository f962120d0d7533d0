/** `wa-bulk send --resend-failed`: over the simulated WhatsApp, only the failed contacts, never one the original reached. */
import { PassThrough } from 'node:stream';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSendCommand } from '../../../src/cli/send';
import { CampaignService } from '../../../src/campaign/campaign-service';
import { appPathsFor } from '../../../src/platform/app-paths';
import { campaignPaths } from '../../../src/campaign/campaign-files';
import { readJournal } from '../../../src/campaign/journal';
import { systemClock } from '../../../src/platform/clock';
import { FakeWhatsApp } from '../../fakes/fake-whatsapp';
import { tmpDir } from '../campaign/helpers';

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c));
  stderr.on('data', (c: Buffer) => (err += c));
  return { io: { stdout, stderr }, out: () => out, err: () => err };
}

const zeroPace = ['--min-delay', '0', '--max-delay', '0', '--receipt-wait', '0'];

describe('wa-bulk send --resend-failed', () => {
  it('sends to the failed contacts only, and never to a number the original campaign reached', async () => {
    const dir = await tmpDir('wa-cli-resend-');
    const state = path.join(dir, 'state');
    await fs.writeFile(path.join(dir, 'c.csv'), 'Name,Phone\nAna,+14155550100\nBo,+14155550101\nCy,+14155550102\n');
    // Every send fails in the first run.
    const first = io();
    const code = await runSendCommand(
      ['--contacts', path.join(dir, 'c.csv'), '--message', 'Hi {{name}}', '--state', state, '--simulate', '--simulate-fail-rate', '1', ...zeroPace],
      first.io,
    );
    expect(code, first.err()).toBe(0);
    const id = /Campaign (c_\S+) created/.exec(first.err())![1]!;
    expect(first.out().match(/^\[\d\/3\] row \d \+\d+ failed/gm)).toHaveLength(3);

    // Ana's message went through after all (a late send the journal learns of): the resend must leave her out.
    const campaignsDir = appPathsFor(state).campaignsDir;
    const service = new CampaignService({
      campaignsDir,
      stateDir: path.join(dir, 'x'),
      port: new FakeWhatsApp(systemClock),
      clock: systemClock,
      optOut: { has: () => false },
    });
    const source = await service.get(id);
    await source.record({ t: 'sent', i: 0, id: 'late', at: Date.now(), via: 'late' });
    await service.close();

    const outbox = path.join(dir, 'outbox.jsonl');
    const second = io();
    const resendCode = await runSendCommand(
      ['--resend-failed', path.join(campaignsDir, id), '--state', state, '--simulate', '--simulate-outbox', outbox, '--receipt-wait', '0'],
      second.io,
    );
    expect(resendCode, second.err()).toBe(0);
    expect(second.err()).toMatch(new RegExp(`resends to 2 failed contacts of "[^"]+" \\(${id}\\)`));
    const sentTo = (await fs.readFile(outbox, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { to: string; body: string }).to);
    expect(sentTo.map((to) => to.replace(/\D/g, ''))).toEqual(['14155550101', '14155550102']);
  });

  it('refuses the flags a resend takes from the original, and a folder outside the state folder', async () => {
    const dir = await tmpDir('wa-cli-resend-');
    const a = io();
    expect(await runSendCommand(['--resend-failed', 'c_x', '--state', dir, '--message', 'hi', '--min-delay', '5'], a.io)).toBe(1);
    expect(a.err()).toMatch(/--resend-failed sends the original campaign's message at its pace: leave out --message, --min-delay/);
    const b = io();
    expect(await runSendCommand(['--resend-failed', '/tmp/elsewhere/c_1', '--state', dir], b.io)).toBe(1);
    expect(b.err()).toMatch(/\/tmp\/elsewhere\/c_1 is not a campaign folder of /);
    const d = io();
    expect(await runSendCommand(['--resend-failed', 'c_x', '--state', dir, '--start-at', '2099-01-01T09:00'], d.io)).toBe(1);
    expect(d.err()).toMatch(/--start-at does not go with --resend-failed/);
    const c = io();
    expect(await runSendCommand(['--resend-failed', 'c_20260101000000_abcd', '--state', dir, '--simulate'], c.io)).toBe(2);
    expect(c.err()).toMatch(/No campaign c_20260101000000_abcd/);
  });
});

describe('wa-bulk send --start-at', () => {
  it('creates the campaign at once with its start time and sends nothing before it', async () => {
    const dir = await tmpDir('wa-cli-start-at-');
    const state = path.join(dir, 'state');
    const outbox = path.join(dir, 'outbox.jsonl');
    await fs.writeFile(path.join(dir, 'c.csv'), 'Name,Phone\nAna,+14155550100\nBo,+14155550101\n');
    // A second ahead, written with its offset (Z); without one it is read as local time.
    const startAt = Math.ceil((Date.now() + 1500) / 1000) * 1000;
    const run = io();
    const code = await runSendCommand(
      [
        ...['--contacts', path.join(dir, 'c.csv'), '--message', 'Hi {{name}}', '--state', state, '--simulate', '--simulate-outbox', outbox],
        ...['--start-at', new Date(startAt).toISOString(), ...zeroPace],
      ],
      run.io,
    );
    expect(code, run.err()).toBe(0);
    expect(run.err()).toMatch(/Waiting until .+ to start/);
    const id = /Campaign (c_\S+) created/.exec(run.err())![1]!;
    const meta = JSON.parse(await fs.readFile(path.join(appPathsFor(state).campaignsDir, id, 'campaign.json'), 'utf8')) as { startAt: number };
    expect(meta.startAt).toBe(startAt);
    expect((await fs.readFile(outbox, 'utf8')).split('\n').filter(Boolean)).toHaveLength(2);
    // The journal's times: the first thing the campaign did, and every send, came at or after the start time.
    const { entries } = await readJournal(campaignPaths(path.join(appPathsFor(state).campaignsDir, id)).journal);
    expect(entries.filter((e) => e.t === 'sending')).toHaveLength(2);
    for (const entry of entries) expect(entry.at).toBeGreaterThanOrEqual(startAt);
  });

  it('refuses a time that is not one, or has passed', async () => {
    const dir = await tmpDir('wa-cli-start-at-');
    await fs.writeFile(path.join(dir, 'c.csv'), 'Name,Phone\nAna,+14155550100\n');
    const base = ['--contacts', path.join(dir, 'c.csv'), '--message', 'hi', '--state', path.join(dir, 's'), '--simulate'];
    const a = io();
    expect(await runSendCommand([...base, '--start-at', 'tomorrow 9am'], a.io)).toBe(1);
    expect(a.err()).toMatch(/--start-at must be a date and time such as 2026-12-01T09:00/);
    const b = io();
    expect(await runSendCommand([...base, '--start-at', '2020-01-01T09:00'], b.io)).toBe(1);
    expect(b.err()).toMatch(/--start-at 2020-01-01T09:00 \(.+\) has already passed/);
  });
});
