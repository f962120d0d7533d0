/**
 * The CLI's side of first-contact refusals: `--simulate-reject FILE` makes the simulated WhatsApp refuse the first
 * message to each listed number (ack -1); three in a row hold new contacts back while people the account chatted
 * with still get the message; `report --json` counts `rejected`; `resume --resume-new-contacts` sends to the rest.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli';
import { tmpDir } from '../../unit/campaign/helpers';

async function cli(...argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const text = { out: '', err: '' };
  stdout.on('data', (c: Buffer) => (text.out += c));
  stderr.on('data', (c: Buffer) => (text.err += c));
  const code = await runCli(argv, { stdout, stderr });
  return { code, ...text };
}

// A second between messages: each refusal (ack -1) lands before the next first message goes.
const pace = ['--min-delay', '1', '--max-delay', '1', '--no-typing', '--batch-pause', '0', '--receipt-wait', '0'];

describe('wa-bulk and first-contact refusals', () => {
  it('rejections pause new contacts only, the report counts them, and resume --resume-new-contacts sends the rest', async () => {
    const dir = await tmpDir('wa-cli-reject-');
    const state = path.join(dir, 'state');
    const outbox = path.join(dir, 'outbox.jsonl');
    const simulate = ['--state', state, '--simulate', '--simulate-outbox', outbox];
    // Eve wrote back to an earlier message: she has chatted with the account.
    await fs.writeFile(path.join(dir, 'eve.csv'), 'Name,Phone\nEve,+971501120005\n');
    await fs.writeFile(path.join(dir, 'replies.jsonl'), '{"from": "+971501120005", "body": "Thank you!", "afterMs": 0}\n');
    const earlier = await cli(
      'send',
      '--contacts',
      path.join(dir, 'eve.csv'),
      '--message',
      'Hello {{Name}}',
      ...simulate,
      ...pace,
      '--simulate-replies',
      path.join(dir, 'replies.jsonl'),
    );
    expect(earlier.code, earlier.err).toBe(0);

    const names = ['Ana', 'Ben', 'Cai', 'Dan', 'Eve', 'Fay'];
    await fs.writeFile(path.join(dir, 'c.csv'), ['Name,Phone', ...names.map((n, i) => `${n},+97150112000${i + 1}`)].join('\n'));
    await fs.writeFile(path.join(dir, 'reject.txt'), '+971501120001\n+971501120002\n971501120003\n');
    const sent = await cli(
      'send',
      '--contacts',
      path.join(dir, 'c.csv'),
      '--message',
      'Offer for {{Name}}',
      ...simulate,
      ...pace,
      '--simulate-reject',
      path.join(dir, 'reject.txt'),
    );
    expect(sent.code, sent.err).toBe(3);
    expect(sent.err).toContain(
      'WhatsApp refused 3 first messages in a row. New contacts are paused to protect your account; people you have chatted with still get the message. Wait a day before messaging new contacts.',
    );
    expect(sent.out).toMatch(/3 rejected by WhatsApp, 2 pending, 0 unconfirmed of 6/);
    const offers = async () =>
      (await fs.readFile(outbox, 'utf8'))
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { to: string; body: string })
        .filter((m) => m.body.startsWith('Offer'))
        .map((m) => m.body.slice('Offer for '.length));
    // The three refused went out and were refused; Eve (chatted before) got hers; Dan and Fay (new) wait.
    expect(await offers()).toEqual(['Ana', 'Ben', 'Cai', 'Eve']);
    // Both campaigns may be made within one second: name this one (ids sort by time, then at random).
    const id = /Campaign (c_\S+) created/.exec(sent.err)![1]!;
    const report = JSON.parse((await cli('report', '--state', state, '--campaign', id, '--json')).out);
    expect(report).toMatchObject({ total: 6, sent: 1, rejected: 3, failed: 0, pending: 2 });
    expect((await cli('report', '--state', state, '--campaign', id)).out).toContain('rejected by WhatsApp 3');

    // Without --resume-new-contacts a resume holds them back again; with it, they get the message.
    const held = await cli('resume', ...simulate, '--campaign', id, '--receipt-wait', '0');
    expect(held.code, held.err).toBe(3);
    expect(await offers()).toEqual(['Ana', 'Ben', 'Cai', 'Eve']);
    const resumed = await cli('resume', ...simulate, '--campaign', id, '--receipt-wait', '0', '--resume-new-contacts');
    expect(resumed.code, resumed.err).toBe(0);
    expect(await offers()).toEqual(['Ana', 'Ben', 'Cai', 'Eve', 'Dan', 'Fay']);
    expect(JSON.parse((await cli('report', '--state', state, '--campaign', id, '--json')).out)).toMatchObject({ sent: 3, rejected: 3, pending: 0 });
  }, 60_000);
});
