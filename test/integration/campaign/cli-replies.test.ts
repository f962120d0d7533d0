/**
 * The CLI's side of replies: `--simulate-replies FILE` makes contacts of the simulated WhatsApp reply, `report --json`
 * counts who replied and who opted out by reply, `optout list|add|remove` manages the do-not-message list, and a
 * later `send` skips the number that replied STOP.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli';
import { tmpDir } from '../../unit/campaign/helpers';

function capture() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const text = { out: '', err: '' };
  stdout.on('data', (c: Buffer) => (text.out += c));
  stderr.on('data', (c: Buffer) => (text.err += c));
  return { io: { stdout, stderr }, text };
}

async function cli(...argv: string[]) {
  const c = capture();
  const code = await runCli(argv, c.io);
  return { code, ...c.text };
}

const zeroPace = ['--min-delay', '0', '--max-delay', '0', '--receipt-wait', '0'];
const CONTACTS = 'Name,Phone\nAna,+971501110001\nBen,+971501110002\nCai,+971501110003\n';

describe('wa-bulk and replies', () => {
  it('records scripted replies, reports them, puts a STOP on the list, and the next send skips that number', async () => {
    const dir = await tmpDir('wa-cli-replies-');
    const state = path.join(dir, 'state');
    await fs.writeFile(path.join(dir, 'c.csv'), CONTACTS);
    await fs.writeFile(
      path.join(dir, 'replies.jsonl'),
      ['{"from": "+971501110001", "body": "STOP", "afterMs": 0}', '', '{"from": "+971501110002", "body": "Thanks! 👍", "afterMs": 5}'].join('\n'),
    );
    const outbox = path.join(dir, 'outbox.jsonl');
    const send = (message: string) =>
      cli(
        'send',
        ...['--contacts', path.join(dir, 'c.csv'), '--message', message, '--state', state, '--simulate', '--simulate-outbox', outbox],
        ...['--simulate-replies', path.join(dir, 'replies.jsonl'), ...zeroPace],
      );
    const first = await send('Hi {{Name}}');
    expect(first.code, first.err).toBe(0);
    expect(first.err).toContain('reply from +971501110001: "STOP" (opted out)');

    const firstId = /Campaign (c_\S+) finished/.exec(first.out)![1]!;
    const report = await cli('report', '--state', state, '--campaign', firstId, '--json');
    expect(report.code).toBe(0);
    expect(JSON.parse(report.out)).toMatchObject({ total: 3, sent: 3, replied: 2, optedOutByReply: 1 });
    const text = await cli('report', '--state', state, '--campaign', firstId);
    expect(text.out).toContain('2 replied (67%), of them 1 opted out by reply');

    expect(await cli('optout', 'list', '--state', state)).toMatchObject({ code: 0, out: '+971501110001\n' });
    expect((await cli('optout', 'list', '--why', '--state', state)).out).toMatch(/^\+971501110001\treplied STOP on \d{1,2} \w{3} \d{4}\n$/);
    const added = await cli('optout', 'add', '+971501110003', '050 111 0009', '--country', 'AE', '--state', state);
    expect(added).toMatchObject({ code: 0, out: 'Added 2 numbers; the list has 3 numbers.\n' });
    expect((await cli('optout', 'list', '--state', state)).out).toBe('+971501110001\n+971501110003\n+971501110009\n');
    expect(await cli('optout', 'remove', '+971501110003', '+971501110009', '--state', state)).toMatchObject({
      code: 0,
      out: 'Removed 2 numbers; the list has 1 number.\n',
    });
    const bad = await cli('optout', 'add', 'hello', '--state', state);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('not a phone number: "hello"');

    // The second campaign: Ana replied STOP, so only Ben and Cai get it.
    const second = await send('Reminder for {{Name}}');
    expect(second.code, second.err).toBe(0);
    const lines = (await fs.readFile(outbox, 'utf8')).split('\n').filter(Boolean);
    const bodies = lines.map((l) => JSON.parse(l) as { to: string; body: string }).map((m) => `${m.to} ${m.body}`);
    expect(bodies.filter((b) => b.includes('Reminder'))).toEqual(['971501110002 Reminder for Ben', '971501110003 Reminder for Cai']);
    const secondId = /Campaign (c_\S+) finished/.exec(second.out)![1]!;
    const again = JSON.parse((await cli('report', '--state', state, '--campaign', secondId, '--json')).out);
    expect(again).toMatchObject({ total: 3, sent: 2, skipped: 1 });
  }, 60_000);

  it('names the file and the line of a bad reply script, and checks its usage', async () => {
    const dir = await tmpDir('wa-cli-replies-bad-');
    await fs.writeFile(path.join(dir, 'c.csv'), CONTACTS);
    await fs.writeFile(path.join(dir, 'r.jsonl'), '{"from": "+971501110001", "body": "STOP"}\n{"from": "nobody", "body": "x"}\n');
    const run = await cli(
      'send',
      ...['--contacts', path.join(dir, 'c.csv'), '--message', 'Hi', '--state', path.join(dir, 's'), '--simulate'],
      ...['--simulate-replies', path.join(dir, 'r.jsonl'), ...zeroPace],
    );
    expect(run.code).not.toBe(0);
    expect(run.err).toContain(`${path.join(dir, 'r.jsonl')}: line 2: field from: expected a phone number`);
    expect((await cli('optout', 'list')).err).toContain('--state DIR is required');
    expect((await cli('optout', 'forget', '--state', dir)).err).toContain('unknown action "forget"');
  });
});
