/** "Resend to failed": only the failed contacts, and never anyone the original campaign (or its chain) sent to. */
import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readMeta } from '../../../src/campaign/campaign-files';
import { chatOf, fastPacing, makeContacts, rigsClosedAfterEach, until, type Rig } from './helpers';

const newRig = rigsClosedAfterEach();

/** A finished campaign of 6 where contacts 1 and 3 failed, 2 is not on WhatsApp and 4 opted out. */
async function finishedWithFailures(r: Rig) {
  const contacts = makeContacts(6);
  r.port.plan(contacts[1]!.phone.slice(1), { kind: 'fail', message: 'network' });
  r.port.plan(contacts[3]!.phone.slice(1), { kind: 'fail', message: 'network' });
  r.port.unregistered.add(contacts[2]!.phone.slice(1));
  r.optOut.add(contacts[4]!.phone);
  const source = await r.service.create({ name: 'March', template: 'Hi {{name}}', pacing: fastPacing(), contacts, columns: ['Name'] });
  r.clock.autoAdvance();
  await (
    await r.service.run(source.id)
  ).done;
  expect(source.model.counts()).toMatchObject({ sent: 2, failed: 2, skipped: 2 });
  r.port.sent.length = 0;
  return { source, contacts };
}

describe('resend to failed contacts', () => {
  it('creates a campaign of only the failed contacts, with the same message, and sends just to them', async () => {
    const r = await newRig();
    const { source, contacts } = await finishedWithFailures(r);
    const resend = await r.service.createResend(source.id);
    expect(resend.contacts.map((c) => c.phone)).toEqual([contacts[1]!.phone, contacts[3]!.phone]);
    expect(resend.meta).toMatchObject({ name: 'Resend to failed: March', template: 'Hi {{name}}', resendOf: source.id, columns: ['Name'] });
    expect((await readMeta(resend.dir))!.resendOf).toBe(source.id);
    await (
      await r.service.run(resend.id)
    ).done;
    expect(r.port.sent.map((m) => m.chatId)).toEqual([chatOf(contacts[1]!.phone), chatOf(contacts[3]!.phone)]);
    expect(r.port.sent[0]!.body).toBe('Hi Person 1');
  });

  it('at send time skips a number the original campaign has reached since the resend was made', async () => {
    const r = await newRig();
    const { source, contacts } = await finishedWithFailures(r);
    const resend = await r.service.createResend(source.id);
    // The send to contact 3 that timed out went through after all: the original's journal now says sent.
    await source.record({ t: 'sent', i: 3, id: 'late-id', at: r.clock.now(), via: 'late' });
    await r.service.close();

    // After a restart too: the check reads the original's journal each time the resend starts or resumes.
    const again = r.newService();
    r.service = again;
    await (
      await again.run(resend.id)
    ).done;
    expect(r.port.sent.map((m) => m.chatId)).toEqual([chatOf(contacts[1]!.phone)]);
    const loaded = await again.get(resend.id);
    expect(loaded.row(1)).toMatchObject({ status: 'skipped', reason: 'already sent to in the campaign this one resends' });
    expect(again.logOf(resend.id).map((l) => l.message)).toContain('1 contact skipped: the campaign this one resends has sent to that number since.');
  });

  it('sends nothing when the campaign it resends is gone (nobody can tell who got the message)', async () => {
    const r = await newRig();
    const { source } = await finishedWithFailures(r);
    const resend = await r.service.createResend(source.id);
    await r.service.close();
    await fs.rm(source.dir, { recursive: true });
    r.service = r.newService();
    await expect(r.service.run(resend.id)).rejects.toThrow(/resends campaign c_\S+, which is gone; nothing is sent from it/);
    expect(r.port.sent).toHaveLength(0);
  });

  it('a resend of a resend reaches nobody any campaign of the chain sent to', async () => {
    const r = await newRig();
    const { source, contacts } = await finishedWithFailures(r);
    // The first resend: contact 1 fails again, contact 3 goes out.
    r.port.plan(contacts[1]!.phone.slice(1), { kind: 'fail', message: 'again' });
    const first = await r.service.createResend(source.id);
    await (
      await r.service.run(first.id)
    ).done;
    expect(first.model.counts()).toMatchObject({ sent: 1, failed: 1 });
    // Contact 1's message from the original shows up late: the second resend must not send it a third time.
    await source.record({ t: 'sent', i: 1, id: 'late-1', at: r.clock.now(), via: 'late' });
    await expect(r.service.createResend(first.id)).rejects.toThrow(/has no failed contact left to resend to/);
  });

  it('is refused while the original can still send, and when nothing failed', async () => {
    const r = await newRig();
    const contacts = makeContacts(3);
    r.port.plan(contacts[0]!.phone.slice(1), { kind: 'fail', message: 'x' });
    const source = await r.service.create({ name: 'Paused one', template: 'hi', pacing: fastPacing(), contacts, columns: [] });
    const off = r.service.contactUpdates.on((u) => u.status === 'failed' && r.service.pause(source.id));
    r.clock.autoAdvance();
    const { done } = await r.service.run(source.id);
    await until(() => r.service.summaryOf(source).state === 'paused', 'paused');
    off();
    await expect(r.service.createResend(source.id)).rejects.toThrow(/"Paused one" is paused: finish or stop it before resending/);
    await r.service.stop(source.id);
    await done;
    // Stopped for good with contact 0 failed: that one can be resent; the two never tried are not part of it.
    const resend = await r.service.createResend(source.id);
    expect(resend.contacts.map((c) => c.phone)).toEqual([contacts[0]!.phone]);

    const clean = await r.service.create({ template: 'hi', pacing: fastPacing(), contacts: makeContacts(2, 10), columns: [] });
    await (
      await r.service.run(clean.id)
    ).done;
    await expect(r.service.createResend(clean.id)).rejects.toThrow(/has no failed contact left to resend to/);
  });
});
