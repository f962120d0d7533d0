/** Changing the pace of a paused or waiting campaign: validated, saved in campaign.json, used on resume and after a restart. */
import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { campaignPaths, readMeta } from '../../../src/campaign/campaign-files';
import { PacingSettings } from '../../../src/shared/contract/campaign';
import { invokeContract } from '../../../src/shared/contract';
import { fastPacing, makeContacts, rigsClosedAfterEach, until } from './helpers';

const newRig = rigsClosedAfterEach();

const gaps = (times: number[]) => times.slice(1).map((t, k) => t - times[k]!);

describe('changing the pace of a campaign that is not sending', () => {
  it('uses the new pace after a pause and resume, and saves it in campaign.json', async () => {
    const r = await newRig();
    const campaign = await r.service.create({ template: 'hi', pacing: fastPacing(), contacts: makeContacts(5), columns: [] });
    // Pause as soon as the first message is recorded: the loop stops before the second.
    const off = r.service.contactUpdates.on((u) => u.status === 'sent' && u.index === 0 && r.service.pause(campaign.id));
    r.clock.autoAdvance();
    const { done } = await r.service.run(campaign.id);
    await until(() => r.service.summaryOf(campaign).state === 'paused', 'paused');
    off();
    expect(r.port.sent).toHaveLength(1);

    const slower = fastPacing({ minDelaySec: 100, maxDelaySec: 100 });
    const summary = await r.service.editPacing(campaign.id, slower);
    expect(summary.pacing).toEqual(slower);
    expect(summary.state).toBe('paused');
    expect((await readMeta(campaign.dir))!.pacing).toEqual(slower);
    expect(r.service.logOf(campaign.id).at(-1)!.message).toMatch(/^Pace changed: 100-100 s between messages.*\(was: 1-2 s between messages/);

    await r.service.resume(campaign.id);
    await done;
    expect(r.port.sent).toHaveLength(5);
    // Message 1 -> 2 is the gap drawn before the pause; every gap after that is the new one.
    expect(gaps(r.port.sent.map((m) => m.at)).slice(1)).toEqual([100_000, 100_000, 100_000]);
  });

  it('keeps the new pace across a restart and uses it on resume', async () => {
    const r = await newRig();
    const campaign = await r.service.create({ template: 'hi', pacing: fastPacing(), contacts: makeContacts(4), columns: [] });
    const off = r.service.contactUpdates.on((u) => u.status === 'sent' && u.index === 1 && r.service.pause(campaign.id));
    r.clock.autoAdvance();
    await r.service.run(campaign.id);
    await until(() => r.service.summaryOf(campaign).state === 'paused', 'paused');
    off();
    await r.service.close();

    // Restarted: the campaign is paused on disk, no runner; its pace is changed there.
    const second = r.newService();
    const slower = fastPacing({ minDelaySec: 250, maxDelaySec: 250 });
    await second.editPacing(campaign.id, slower);
    await second.close();

    const third = r.newService();
    r.service = third;
    const { done } = await third.resume(campaign.id);
    await done;
    const loaded = await third.get(campaign.id);
    expect(loaded.meta.pacing).toEqual(slower);
    expect(r.port.sent).toHaveLength(4);
    expect(gaps(r.port.sent.map((m) => m.at)).at(-1)).toBe(250_000);
  });

  it('a changed sending window is looked at at once, not when the old wait ends', async () => {
    const r = await newRig();
    // The fake clock starts at 10:00 local time: a 14-16 window makes the campaign wait four hours.
    const campaign = await r.service.create({
      template: 'hi',
      pacing: fastPacing({ window: { startHour: 14, endHour: 16 } }),
      contacts: makeContacts(2),
      columns: [],
    });
    const start = r.clock.now();
    const { done } = await r.service.run(campaign.id);
    // Waiting: "waiting" is journalled and the four-hour sleep is on the clock.
    await until(() => r.service.summaryOf(campaign).state === 'waiting' && r.clock.pendingTimers === 1, 'waiting for the window');
    expect(r.service.summaryOf(campaign).reason).toMatch(/Outside the sending window \(14:00-16:00\)/);

    await r.service.editPacing(campaign.id, fastPacing({ window: { startHour: 8, endHour: 20 } }));
    r.clock.autoAdvance();
    await done;
    expect(r.port.sent).toHaveLength(2);
    expect(r.port.sent[1]!.at - start).toBeLessThan(60_000);
    // The pause and resume that woke the loop are not in the journal: only real states are.
    const journal = await fs.readFile(campaignPaths(campaign.dir).journal, 'utf8');
    expect(journal).not.toMatch(/"paused"/);
  });

  it('is refused while sending and once finished; the pace is checked by the contract', async () => {
    const r = await newRig();
    const campaign = await r.service.create({ template: 'hi', pacing: fastPacing(), contacts: makeContacts(2), columns: [] });
    r.port.defaultBehaviour = { kind: 'held' };
    r.clock.autoAdvance();
    const { done } = await r.service.run(campaign.id);
    await until(() => r.port.heldCount === 1, 'a send in flight');
    await expect(r.service.editPacing(campaign.id, fastPacing({ minDelaySec: 9, maxDelaySec: 9 }))).rejects.toThrow(
      /can be changed only while it is paused or waiting; it is running/,
    );
    r.port.defaultBehaviour = { kind: 'ok' };
    r.port.releaseHeld();
    await done;
    await expect(r.service.editPacing(campaign.id, fastPacing())).rejects.toThrow(/it is finished/);
    expect((await readMeta(campaign.dir))!.pacing).toEqual(fastPacing());

    const request = invokeContract['campaign:editPacing'].request;
    expect(request.safeParse({ id: campaign.id, pacing: fastPacing() }).success).toBe(true);
    const bad = request.safeParse({ id: campaign.id, pacing: { ...fastPacing(), minDelaySec: 50, maxDelaySec: 10 } });
    expect(bad.error?.issues[0]?.path).toEqual(['pacing', 'maxDelaySec']);
    expect(PacingSettings.safeParse({ ...fastPacing(), window: { startHour: 9, endHour: 9 } }).success).toBe(false);
  });
});
