/**
 * Issue 14 on the real path (built CLI, real whatsapp-web.js and Chromium, stand-in WhatsApp Web): Ctrl-C pauses
 * with nothing lost or doubled, the receipts of a campaign's last messages are recorded before the CLI exits, and
 * receipts that came while nothing ran are read from the chats (`report --refresh`).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanUpCliRigs, cliStandinRig, contactLines, prepareCli, startCli } from '../../../standin/cli-rig';
import { browsersUnder, eventually, haveChromium } from '../../../standin/real-whatsapp-rig';

beforeAll(prepareCli, 320_000);
afterEach(cleanUpCliRigs);

describe.skipIf(!haveChromium)('wa-bulk signals and receipts against the stand-in WhatsApp Web', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s to the terminal pauses after the message in flight; resume sends the rest, nothing twice',
    async (signal) => {
      const s = await cliStandinRig('minified', 24, 100);
      // A short real gap between messages, so the signal can land between them or mid-send; no batch pause.
      const run = startCli([...s.send, '--min-delay', '0.2', '--max-delay', '0.2', '--batch-pause', '0', '--no-typing'], s.work, s.standin, {
        ownGroup: true,
      });
      await eventually(() => contactLines(run) >= 4 || run.child.exitCode !== null, 'four contacts sent');
      // As a terminal does: the signal goes to the whole process group (puppeteer's own handlers would kill Chromium).
      process.kill(-run.child.pid!, signal);
      const { code } = await run.exited;
      expect(code, `${run.stderr}\n${run.stdout}`).toBe(3);
      expect(run.stdout).toMatch(/paused \(Paused from the terminal \(Ctrl-C\)\.\)/);
      const paused = await s.report();
      expect(paused).toMatchObject({ state: 'paused', failed: 0, unconfirmed: 0 });
      // Nothing lost: every message the server took is journalled as sent, and nothing else is.
      expect(paused.sent).toBe(s.standin.sentMessages().length);
      expect(paused.sent).toBeLessThan(s.registered.length);
      await eventually(() => browsersUnder(s.stateDir).length === 0, 'the browser closed after the pause');

      const second = startCli(s.resume, s.work);
      expect((await second.exited).code, second.stderr).toBe(0);
      expect(s.perNumber()).toEqual(s.registered.map(() => 1));
      expect(await s.report()).toMatchObject({ state: 'finished', sent: s.registered.length, failed: 0 });
    },
    150_000,
  );

  it("waits for the last messages' receipts before exiting", async () => {
    const s = await cliStandinRig('minified', 10, 100);
    s.standin.holdAcks = true;
    const run = startCli([...s.send, '--receipt-wait', '60'], s.work, s.standin);
    const n = s.registered.length;
    await eventually(
      () => new RegExp(`Waiting up to 60 s for the delivery receipts of ${n} message\\(s\\)`).test(run.stderr) || run.child.exitCode !== null,
      'the CLI to wait for receipts',
    );
    s.standin.releaseAcks();
    expect((await run.exited).code, run.stderr).toBe(0);
    expect(await s.report()).toMatchObject({ state: 'finished', sent: n, delivered: n });
  }, 120_000);

  it('records receipts that came while the CLI was closed, with report --refresh', async () => {
    const s = await cliStandinRig('minified', 8, 100);
    s.standin.holdAcks = true;
    const run = startCli([...s.send, '--receipt-wait', '0'], s.work, s.standin);
    expect((await run.exited).code, run.stderr).toBe(0);
    const n = s.registered.length;
    expect(await s.report()).toMatchObject({ sent: n, delivered: 0 });
    // The phones get the messages while nothing runs on this computer.
    s.standin.releaseAcks();
    const refresh = startCli(['report', '--state', s.stateDir, '--json', '--refresh', '--browser', s.browser], s.work);
    expect((await refresh.exited).code, refresh.stderr).toBe(0);
    expect(refresh.stderr).toContain(`Read the receipts in ${n} chat(s): ${n} new`);
    expect(JSON.parse(refresh.stdout)).toMatchObject({ sent: n, delivered: n });
    expect(await s.report()).toMatchObject({ sent: n, delivered: n });
  }, 120_000);
});
