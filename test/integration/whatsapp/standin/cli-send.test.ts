/**
 * `wa-bulk send` and `wa-bulk resume` without --simulate: the built CLI drives the real whatsapp-web.js and
 * Chromium (through --browser, a wrapper that points Chromium at the stand-in WhatsApp Web). The stand-in's server
 * side is the ground truth of what went out. Per generation: everyone registered gets exactly one message, nobody
 * fails, receipts arrive; after kill -9 mid-campaign no Chromium is left and resume sends nothing twice.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanUpCliRigs, cliStandinRig as setup, contactLines, forgetLastConfirmation, prepareCli, startCli } from '../../../standin/cli-rig';
import { browsersUnder, eventually, GENERATIONS, haveChromium } from '../../../standin/real-whatsapp-rig';

beforeAll(prepareCli, 320_000);
afterEach(cleanUpCliRigs);

describe.skipIf(!haveChromium).each(GENERATIONS)('wa-bulk against the stand-in WhatsApp Web, %s message keys', (generation) => {
  it('sends every registered contact exactly once, with no failure, and records the receipts', async () => {
    const s = await setup(generation, 14, 7);
    const run = startCli(s.send, s.work, s.standin);
    const { code } = await run.exited;
    expect(code, `${run.stderr}\n${run.stdout}`).toBe(0);
    expect(run.stdout).toMatch(/Scan this QR code/);
    expect(s.perNumber()).toEqual(s.registered.map(() => 1));
    expect(s.standin.sentMessages()).toHaveLength(s.registered.length);
    const counts = await s.report();
    console.log(`[${generation}] wa-bulk send: ${JSON.stringify(counts)}`);
    // Every receipt: the CLI waits for the last ones before it exits (--receipt-wait, issue 14).
    expect(counts).toMatchObject({ total: 14, sent: 12, delivered: 12, skipped: 2, failed: 0, pending: 0, unconfirmed: 0 });
    await eventually(() => browsersUnder(s.stateDir).length === 0, 'no browser after the CLI finished');
  }, 120_000);

  it('after kill -9 mid-campaign no Chromium is left, and resume reconciles from the chat and sends nothing twice', async () => {
    const s = await setup(generation, 30, 10);
    const first = startCli(s.send, s.work, s.standin);
    await eventually(() => contactLines(first) >= 5 || first.child.exitCode !== null, 'five contacts sent before the kill');
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    await eventually(() => browsersUnder(s.stateDir).length === 0, 'the browser to exit with the killed CLI', 15_000);
    const sentBeforeResume = s.standin.sentMessages().length;
    expect(sentBeforeResume).toBeGreaterThanOrEqual(5);
    expect(sentBeforeResume).toBeLessThan(s.registered.length);
    // The contact whose confirmation the kill lost has written back meanwhile (with July-2026 keys, reading such a
    // chat is what failed in the unpatched library).
    const unconfirmed = forgetLastConfirmation(s.stateDir);
    s.standin.receive(s.phones[unconfirmed]!, 'Thanks!');

    let qrShown = 0;
    s.standin.on('qr', () => (qrShown += 1));
    const restored = new Promise((resolve) => s.standin.once('restored', resolve));
    const second = startCli(s.resume, s.work);
    const { code } = await second.exited;
    expect(code, `${second.stderr}\n${second.stdout}`).toBe(0);
    await restored;
    expect(qrShown, 'resume restores the session without a QR').toBe(0);
    expect(second.stdout).not.toMatch(/Scan this QR code/);
    // The edited contact is found in the chat; the kill itself may have left one more, sent or not.
    const reconciled = /Reconciled (\d+) unconfirmed contact\(s\): (\d+) already sent, (\d+) to send, 0 left failed/.exec(second.stderr);
    expect(reconciled, second.stderr).not.toBeNull();
    const [found, toSend] = [Number(reconciled![2]), Number(reconciled![3])];
    expect(found).toBeGreaterThanOrEqual(1);
    expect(found + toSend).toBe(Number(reconciled![1]));
    expect(s.perNumber()).toEqual(s.registered.map(() => 1));
    const counts = await s.report();
    console.log(`[${generation}] kill -9 then resume: ${sentBeforeResume} sent before the kill; ${JSON.stringify(counts)}`);
    // Receipts too, including those that came while nothing ran (read from the chats on resume).
    expect(counts).toMatchObject({ total: 30, sent: 27, delivered: 27, skipped: 3, failed: 0, pending: 0, unconfirmed: 0 });
    await eventually(() => browsersUnder(s.stateDir).length === 0, 'no browser after resume finished');
  }, 180_000);
});
