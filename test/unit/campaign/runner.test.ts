import { describe, expect, it } from 'vitest';
import { readJournal } from '../../../src/campaign/journal';
import { campaignPaths } from '../../../src/campaign/campaign-files';
import { chatOf, fastPacing, makeContacts, rigsClosedAfterEach, until } from './helpers';

const newRig = rigsClosedAfterEach();
const rig = async () => {
  const r = await newRig();
  return r;
};

describe('the send loop', () => {
  it('sends each valid contact once, skips the unregistered and opted-out, and journals every step', async () => {
    const r = await rig();
    const contacts = makeContacts(6);
    r.port.unregistered.add(contacts[1]!.phone.slice(1));
    r.optOut.add(contacts[2]!.phone);
    const campaign = await r.service.create({ template: '{Hi|Hello} {{name}}!', pacing: fastPacing(), contacts, columns: ['Name'] });
    r.clock.autoAdvance();
    await (
      await r.service.run(campaign.id)
    ).done;
    expect(r.port.sent.map((m) => m.chatId)).toEqual([0, 3, 4, 5].map((i) => chatOf(contacts[i]!.phone)));
    expect(r.port.sent[0]!.body).toMatch(/^(Hi|Hello) Person 0!$/);
    expect(r.port.checks).not.toContain(contacts[2]!.phone.slice(1)); // opted out: not even checked
    const counts = campaign.model.counts();
    expect(counts).toMatchObject({ total: 6, sent: 4, skipped: 2, failed: 0, pending: 0, unconfirmed: 0 });
    expect(campaign.row(1).reason).toBe('not on WhatsApp');
    expect(campaign.row(2).reason).toBe('opted out');
    expect(campaign.row(0).messageId).toBe(r.port.sent[0]!.id);
    expect((await r.service.list())[0]!.state).toBe('finished');

    const { entries } = await readJournal(campaignPaths(campaign.dir).journal);
    const kinds = entries.filter((e) => e.t !== 'campaign' && e.i === 0).map((e) => e.t);
    expect(kinds).toEqual(['sending', 'sent']);
  });

  it('waits a random delay within the pacing between messages', async () => {
    const r = await rig();
    const campaign = await r.service.create({
      template: 'x',
      pacing: fastPacing({ minDelaySec: 30, maxDelaySec: 60 }),
      contacts: makeContacts(5),
      columns: [],
    });
    r.clock.autoAdvance();
    await (
      await r.service.run(campaign.id)
    ).done;
    const times = r.port.sent.map((m) => m.at);
    expect(times).toHaveLength(5);
    for (let k = 1; k < times.length; k++) {
      const gap = times[k]! - times[k - 1]!;
      expect(gap).toBeGreaterThanOrEqual(30_000);
      expect(gap).toBeLessThanOrEqual(60_000);
    }
  });

  it('pauses between contacts, resumes, and stops for good', async () => {
    const r = await rig();
    const contacts = makeContacts(5);
    r.port.defaultBehaviour = { kind: 'held' };
    const campaign = await r.service.create({ template: 'hi', pacing: fastPacing({ sendTimeoutSec: 3600 }), contacts, columns: [] });
    // Every call to WhatsApp made while the campaign says it is paused, whenever it comes.
    const whilePaused: string[] = [];
    const paused = () => r.service.summaryOf(campaign).state === 'paused';
    const checkNumber = r.port.checkNumber.bind(r.port);
    const sendText = r.port.sendText.bind(r.port);
    r.port.checkNumber = (digits) => (paused() && whilePaused.push(`check ${digits}`), checkNumber(digits));
    r.port.sendText = (chatId, body) => (paused() && whilePaused.push(`send ${chatId}`), sendText(chatId, body));
    r.clock.autoAdvance(2, 600_000);
    const { done } = await r.service.run(campaign.id);
    await until(() => r.port.heldCount === 1, 'first send in flight');
    r.service.pause(campaign.id);
    r.port.releaseHeld(); // the message in flight completes and is recorded before the pause takes hold
    await until(paused, 'paused');
    expect(campaign.model.counts().sent).toBe(1);
    // Paused, the loop counts down to nothing: the fake clock holds no pacing timer and no send is in flight.
    r.clock.stopAuto();
    expect(r.clock.pendingTimers).toBe(0);
    expect(r.port.heldCount).toBe(0);
    // Time passes while paused (more than any pacing gap and the send timeout): still nothing is due.
    r.clock.advance(2 * 3600_000);
    expect(r.clock.pendingTimers).toBe(0);
    r.clock.autoAdvance(2, 600_000);
    await r.service.resume(campaign.id);
    await until(() => r.port.heldCount === 1, 'second send after resume');
    r.service.pause(campaign.id);
    r.port.releaseHeld();
    await until(() => r.service.summaryOf(campaign).state === 'paused', 'paused again');
    await r.service.stop(campaign.id);
    await done;
    const summary = r.service.summaryOf(campaign);
    expect(summary.state).toBe('stopped');
    expect(summary.resumable).toBe(false);
    expect(summary.counts).toMatchObject({ sent: 2, pending: 3 });
    expect(whilePaused).toEqual([]);
    // The journal agrees: each pause is recorded after a send completed and before the next one began.
    const { entries } = await readJournal(campaignPaths(campaign.dir).journal);
    const steps = entries.flatMap((e) => (e.t === 'campaign' ? [e.state] : e.t === 'sending' || e.t === 'sent' ? [`${e.t} ${e.i}`] : []));
    expect(steps.filter((step) => step !== 'running')).toEqual(['sending 0', 'sent 0', 'paused', 'sending 1', 'sent 1', 'paused', 'stopped']);
    await expect(r.service.run(campaign.id)).rejects.toThrow(/stopped/);
  });

  it('pauses itself on disconnect, reconciles the send in flight, and goes on when ready', async () => {
    const r = await rig();
    const contacts = makeContacts(4);
    // Contact 1's send drops the connection after reaching WhatsApp: the loop cannot know, so it must reconcile.
    r.port.plan(contacts[1]!.phone.slice(1), { kind: 'disconnect', delivered: true });
    const campaign = await r.service.create({ template: 'hello {{name}}', pacing: fastPacing(), contacts, columns: ['Name'] });
    r.clock.autoAdvance();
    const { done } = await r.service.run(campaign.id);
    await until(() => r.service.summaryOf(campaign).state === 'waiting', 'waiting for WhatsApp');
    expect(r.service.summaryOf(campaign).reason).toBe(
      'The connection to WhatsApp dropped: phone offline. Sending goes on by itself once WhatsApp is connected again; nothing is sent twice.',
    );
    expect(campaign.model.counts().unconfirmed).toBe(1);
    r.port.ready();
    await done;
    // The log tells the operator both ends of the wait, in order.
    const said = r.service.logOf(campaign.id).map((l) => l.message);
    expect(said[0]).toBe('Sending to 4 contact(s).');
    const dropped = said.findIndex((m) => m.startsWith('The connection to WhatsApp dropped'));
    expect(dropped).toBeGreaterThan(0);
    expect(said.indexOf('WhatsApp is connected again: sending goes on.')).toBeGreaterThan(dropped);
    for (const c of contacts) expect(r.port.countTo(chatOf(c.phone))).toBe(1);
    expect(campaign.model.counts()).toMatchObject({ sent: 4, unconfirmed: 0, failed: 0 });
  });

  it('re-sends a contact whose send was lost in a disconnect', async () => {
    const r = await rig();
    const contacts = makeContacts(3);
    r.port.plan(contacts[0]!.phone.slice(1), { kind: 'disconnect', delivered: false });
    const campaign = await r.service.create({ template: 'hello', pacing: fastPacing(), contacts, columns: [] });
    r.clock.autoAdvance();
    const { done } = await r.service.run(campaign.id);
    await until(() => r.service.summaryOf(campaign).state === 'waiting', 'waiting');
    r.port.ready();
    await done;
    for (const c of contacts) expect(r.port.countTo(chatOf(c.phone))).toBe(1);
  });

  it('stops with a clear, resumable reason on auth failure', async () => {
    const r = await rig();
    r.port.defaultBehaviour = { kind: 'held' };
    const campaign = await r.service.create({ template: 'x', pacing: fastPacing({ sendTimeoutSec: 3600 }), contacts: makeContacts(3), columns: [] });
    r.clock.autoAdvance(2, 600_000);
    const { done } = await r.service.run(campaign.id);
    await until(() => r.port.heldCount === 1, 'send in flight');
    r.port.setStatus({ kind: 'auth_failure', message: 'session expired' });
    r.port.releaseHeld();
    await done;
    const summary = r.service.summaryOf(campaign);
    expect(summary.state).toBe('stopped');
    expect(summary.reason).toMatch(/auth failure: session expired/);
    expect(summary.resumable).toBe(true);
  });

  it('fails a send that never resolves after the timeout and carries on', async () => {
    const r = await rig();
    const contacts = makeContacts(3);
    r.port.plan(contacts[0]!.phone.slice(1), { kind: 'hang' });
    const campaign = await r.service.create({ template: 'x', pacing: fastPacing({ sendTimeoutSec: 45 }), contacts, columns: [] });
    r.clock.autoAdvance();
    await (
      await r.service.run(campaign.id)
    ).done;
    expect(campaign.row(0)).toMatchObject({ status: 'failed', reason: 'WhatsApp did not confirm the send within 45 s.' });
    expect(campaign.model.counts()).toMatchObject({ sent: 2, failed: 1 });
    expect(r.clock.sleeps).toContain(45_000);
  });

  it('records a late success of a send that had timed out', async () => {
    const r = await rig();
    const contacts = makeContacts(2);
    r.port.plan(contacts[0]!.phone.slice(1), { kind: 'held' });
    const campaign = await r.service.create({ template: 'x', pacing: fastPacing({ sendTimeoutSec: 5 }), contacts, columns: [] });
    r.clock.autoAdvance();
    await (
      await r.service.run(campaign.id)
    ).done;
    expect(campaign.row(0).status).toBe('failed');
    r.port.releaseHeld();
    await until(() => campaign.row(0).status === 'sent', 'late success journalled');
    expect(campaign.row(0).messageId).toBe(r.port.sent.find((m) => m.chatId === chatOf(contacts[0]!.phone))!.id);
  });

  it('checks the opt-out list at send time, not at start', async () => {
    const r = await rig();
    const contacts = makeContacts(3);
    r.port.plan(contacts[0]!.phone.slice(1), { kind: 'held' });
    const campaign = await r.service.create({ template: 'x', pacing: fastPacing({ sendTimeoutSec: 3600 }), contacts, columns: [] });
    r.clock.autoAdvance(2, 600_000);
    const { done } = await r.service.run(campaign.id);
    await until(() => r.port.heldCount === 1, 'first send in flight');
    r.optOut.add(contacts[2]!.phone); // replied STOP while the campaign ran
    r.port.releaseHeld();
    await done;
    expect(r.port.countTo(chatOf(contacts[2]!.phone))).toBe(0);
    expect(campaign.row(2)).toMatchObject({ status: 'skipped', reason: 'opted out' });
  });

  it('backs off after consecutive failures and pauses itself after K in a row', async () => {
    const r = await rig();
    r.port.defaultBehaviour = { kind: 'fail', message: 'rate-overlimit' };
    const pacing = fastPacing({ minDelaySec: 0, maxDelaySec: 0, backoffAfterFailures: 2, backoffBaseSec: 10, autoPauseAfterFailures: 3 });
    const campaign = await r.service.create({ template: 'x', pacing, contacts: makeContacts(6), columns: [] });
    r.clock.autoAdvance();
    await r.service.run(campaign.id);
    await until(() => r.service.summaryOf(campaign).state === 'paused', 'auto pause');
    expect(r.service.summaryOf(campaign).reason).toMatch(/after 3 failures in a row/);
    expect(campaign.model.counts()).toMatchObject({ failed: 3, pending: 3 });
    expect(campaign.row(0).reason).toBe('Send failed: rate-overlimit');
    expect(r.clock.sleeps).toContain(10_000); // backoff after the 2nd failure
    expect(r.clock.sleeps).not.toContain(20_000);
    await r.service.resume(campaign.id);
    // The doubled backoff owed after the 3rd failure is still honoured after the resume.
    await until(() => r.clock.sleeps.includes(20_000), 'the doubled backoff');
    await until(() => campaign.model.counts().failed === 6 && r.service.summaryOf(campaign).state === 'paused', 'second auto pause');
  });

  it('waits for the sending window', async () => {
    const r = await rig();
    // The fake clock starts at 10:00 local; the window opens at 14:00.
    const campaign = await r.service.create({
      template: 'x',
      pacing: fastPacing({ window: { startHour: 14, endHour: 18 } }),
      contacts: makeContacts(2),
      columns: [],
    });
    r.clock.autoAdvance();
    await (
      await r.service.run(campaign.id)
    ).done;
    // Both sent, each inside the window (the loop below asserts nothing on its own when nothing was sent).
    expect(r.port.sent).toHaveLength(2);
    for (const m of r.port.sent) expect(new Date(m.at).getHours()).toBeGreaterThanOrEqual(14);
    expect(r.service.summaryOf(campaign).state).toBe('finished');
  });

  it('leaves a send without a message id unconfirmed, finds it in the chat before the next send, and sends it once', async () => {
    const r = await rig();
    const contacts = makeContacts(3);
    r.port.plan(contacts[0]!.phone.slice(1), { kind: 'no-id', delivered: true });
    const campaign = await r.service.create({ template: 'hello {{name}}', pacing: fastPacing(), contacts, columns: ['Name'] });
    r.clock.autoAdvance();
    await (
      await r.service.run(campaign.id)
    ).done;
    for (const c of contacts) expect(r.port.countTo(chatOf(c.phone))).toBe(1);
    expect(campaign.row(0)).toMatchObject({ status: 'sent', messageId: r.port.sent[0]!.id });
    expect(campaign.model.counts()).toMatchObject({ sent: 3, failed: 0, unconfirmed: 0 });

    const { entries } = await readJournal(campaignPaths(campaign.dir).journal);
    const steps = entries.flatMap((e) => (e.t === 'campaign' ? [] : [`${e.t}${e.t === 'sent' && e.via ? `:${e.via}` : ''} ${e.i}`]));
    // Never "failed", and settled from the chat before contact 1 was even about to be sent.
    expect(steps.slice(0, 3)).toEqual(['sending 0', 'sent:reconciled 0', 'sending 1']);
    const said = r.service.logOf(campaign.id).map((l) => l.message);
    expect(said).toContain(
      'Contact 1 (row 2): WhatsApp took the message but returned no message id; it is looked for in the chat before the next send and never sent again unchecked.',
    );
  });

  it('a send without an id as the last contact is reconciled before the campaign finishes', async () => {
    const r = await rig();
    const contacts = makeContacts(2);
    r.port.plan(contacts[1]!.phone.slice(1), { kind: 'no-id', delivered: true });
    const campaign = await r.service.create({ template: 'x', pacing: fastPacing(), contacts, columns: [] });
    r.clock.autoAdvance();
    await (
      await r.service.run(campaign.id)
    ).done;
    expect(campaign.row(1).status).toBe('sent');
    expect(r.service.summaryOf(campaign).state).toBe('finished');
    expect(r.port.countTo(chatOf(contacts[1]!.phone))).toBe(1);
  });

  it('a send without an id that is not in the chat goes back to pending once and is sent again', async () => {
    const r = await rig();
    const contacts = makeContacts(2);
    r.port.plan(contacts[0]!.phone.slice(1), { kind: 'no-id', delivered: false }, { kind: 'ok' });
    const campaign = await r.service.create({ template: 'x', pacing: fastPacing(), contacts, columns: [] });
    r.clock.autoAdvance();
    await (
      await r.service.run(campaign.id)
    ).done;
    expect(r.port.countTo(chatOf(contacts[0]!.phone))).toBe(1);
    expect(campaign.model.counts()).toMatchObject({ sent: 2, failed: 0, unconfirmed: 0 });
  });

  it('does not loop on a message reconciliation never finds: after two sends without an id it is failed', async () => {
    const r = await rig();
    const contacts = makeContacts(2);
    // Every send to contact 0 returns no id and never shows in the chat; a third send would be accepted ('ok').
    r.port.plan(contacts[0]!.phone.slice(1), { kind: 'no-id', delivered: false }, { kind: 'no-id', delivered: false });
    const campaign = await r.service.create({ template: 'x', pacing: fastPacing(), contacts, columns: [] });
    r.clock.autoAdvance();
    await (
      await r.service.run(campaign.id)
    ).done;
    expect(r.port.countTo(chatOf(contacts[0]!.phone))).toBe(0);
    expect(campaign.row(0)).toMatchObject({ status: 'failed', reason: expect.stringMatching(/not sent again to avoid duplicates/) });
    expect(campaign.row(1).status).toBe('sent');
    expect(r.service.summaryOf(campaign).state).toBe('finished');
  });

  it('shows "typing…" in the chat before the typing delay of each message', async () => {
    const r = await rig();
    const contacts = makeContacts(3);
    const campaign = await r.service.create({ template: 'hello {{name}}', pacing: fastPacing({ typingDelay: true }), contacts, columns: ['Name'] });
    r.clock.autoAdvance();
    await (
      await r.service.run(campaign.id)
    ).done;
    expect(r.port.typing).toEqual(contacts.map((c) => chatOf(c.phone)));
    expect(campaign.model.counts().sent).toBe(3);
  });

  it('sends anyway when "typing…" fails or never answers, and says so once', async () => {
    for (const behaviour of [new Error('getChatById failed'), 'hang'] as const) {
      const r = await rig();
      r.port.typingBehaviour = behaviour;
      const campaign = await r.service.create({
        template: 'hello',
        pacing: fastPacing({ typingDelay: true }),
        contacts: makeContacts(3),
        columns: [],
      });
      r.clock.autoAdvance();
      await (
        await r.service.run(campaign.id)
      ).done;
      expect(campaign.model.counts()).toMatchObject({ sent: 3, failed: 0 });
      const warnings = r.service.logOf(campaign.id).filter((l) => l.message.startsWith('Could not show "typing…"'));
      expect(warnings).toHaveLength(behaviour === 'hang' ? 0 : 1);
    }
  });
});
