/** Scheduled starts on the fake clock: on time, after a restart, missed while closed, start now, cancel, behind another campaign. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMeta } from '../../../src/campaign/campaign-files';
import { CampaignScheduler } from '../../../src/campaign/schedule';
import { campaignNotice } from '../../../src/app/notification-policy';
import { TemplateStore } from '../../../src/campaign/template-store';
import { createCampaignHandlers } from '../../../src/ipc/handlers/campaign';
import { fastPacing, makeContacts, rigsClosedAfterEach, until, type Rig } from './helpers';

const newRig = rigsClosedAfterEach();
const HOUR = 3600_000;
const ctx = { sender: { url: 'file:///index.html', isMainFrame: true } } as never;

async function scheduled(r: Rig, startAt: number, n = 3) {
  const campaign = await r.service.create({ name: 'Later', template: 'hi', pacing: fastPacing(), contacts: makeContacts(n), columns: [], startAt });
  return campaign;
}

describe('scheduled start', () => {
  it('waits, saying when, and starts at the time on the clock', async () => {
    const r = await newRig();
    const scheduler = new CampaignScheduler(r.service, r.clock);
    const startAt = r.clock.now() + 2 * HOUR;
    const campaign = await scheduled(r, startAt);
    expect((await readMeta(campaign.dir))!.startAt).toBe(startAt);
    scheduler.arm(campaign);
    const summary = r.service.summaryOf(campaign);
    expect(summary).toMatchObject({ state: 'waiting', scheduledAt: startAt, resumable: true });
    expect(summary.reason).toMatch(/^Scheduled to start on .*\(.+\)\. Nothing is sent before then/);

    r.clock.advance(2 * HOUR - 1);
    expect(r.port.sent).toHaveLength(0);
    expect(r.service.activeId).toBeNull();
    r.clock.advance(1);
    await until(() => r.service.activeId === campaign.id, 'started at its time');
    r.clock.autoAdvance();
    await until(() => r.service.summaryOf(campaign).state === 'finished', 'finished');
    expect(r.port.sent).toHaveLength(3);
    expect(r.port.sent[0]!.at).toBeGreaterThanOrEqual(startAt);
    expect(r.service.summaryOf(campaign).scheduledAt).toBeUndefined();
  });

  it('waits months ahead in steps of at most an hour (a longer Node timer would fire at once)', async () => {
    const r = await newRig();
    const scheduler = new CampaignScheduler(r.service, r.clock);
    const startAt = r.clock.now() + 60 * 24 * HOUR;
    scheduler.arm(await scheduled(r, startAt));
    r.clock.advance(60 * 24 * HOUR - 1);
    expect(r.service.activeId).toBeNull();
    expect(Math.max(...r.clock.sleeps)).toBeLessThanOrEqual(HOUR);
    r.clock.advance(1);
    await until(() => r.service.activeId !== null, 'started on the day');
  });

  it('after a restart before the time, waits again and starts at the time', async () => {
    const r = await newRig();
    const startAt = r.clock.now() + HOUR;
    const campaign = await scheduled(r, startAt);
    await r.service.close();

    r.clock.advance(HOUR / 2);
    r.service = r.newService();
    const scheduler = new CampaignScheduler(r.service, r.clock);
    await scheduler.start();
    const reloaded = await r.service.get(campaign.id);
    expect(r.service.summaryOf(reloaded)).toMatchObject({ state: 'waiting', scheduledAt: startAt });
    r.clock.advance(HOUR / 2);
    await until(() => r.service.activeId === campaign.id, 'started after the restart');
    r.clock.autoAdvance();
    await until(() => r.service.summaryOf(reloaded).state === 'finished', 'finished');
    expect(r.port.sent.map((m) => m.at >= startAt)).toEqual([true, true, true]);
  });

  it('a time that passed while the app was closed never starts by itself: paused with the reason, Resume starts it', async () => {
    const r = await newRig();
    const startAt = r.clock.now() + HOUR;
    const campaign = await scheduled(r, startAt);
    await r.service.close();

    r.clock.advance(3 * HOUR);
    r.service = r.newService();
    const scheduler = new CampaignScheduler(r.service, r.clock);
    await scheduler.start();
    const reloaded = await r.service.get(campaign.id);
    const summary = r.service.summaryOf(reloaded);
    expect(summary).toMatchObject({ state: 'paused', resumable: true });
    expect(summary.scheduledAt).toBeUndefined();
    expect(summary.reason).toMatch(/passed while the app was closed, so nothing was sent\. Press Resume to start now, or Stop to cancel it\./);
    r.clock.advance(HOUR);
    expect(r.port.sent).toHaveLength(0);

    r.clock.autoAdvance();
    await (
      await r.service.resume(campaign.id)
    ).done;
    expect(r.port.sent).toHaveLength(3);
  });

  it('can be started now or cancelled; a cancelled one sends nothing, ever', async () => {
    const r = await newRig();
    const scheduler = new CampaignScheduler(r.service, r.clock);
    const first = await scheduled(r, r.clock.now() + HOUR);
    const second = await scheduled(r, r.clock.now() + HOUR, 2);
    scheduler.arm(first);
    scheduler.arm(second);

    const cancelled = await scheduler.cancel(second.id);
    expect(cancelled).toMatchObject({ state: 'stopped', resumable: false, reason: 'Stopped by the operator.' });
    expect(campaignNotice(cancelled)).toBeNull();
    expect(r.service.logOf(second.id).at(-1)!.message).toBe('The scheduled start was cancelled; nothing was sent.');
    await expect(scheduler.cancel(second.id)).rejects.toThrow(/not waiting for a scheduled start/);

    r.clock.autoAdvance();
    await scheduler.startNow(first.id);
    await until(() => r.service.summaryOf(first).state === 'finished', 'finished');
    expect(r.port.sent).toHaveLength(3);
    expect(r.port.sent[0]!.at).toBeLessThan(first.meta.startAt!);
    // Its old time comes and goes: nothing more, and the cancelled one stays stopped.
    r.clock.advance(2 * HOUR);
    expect(r.port.sent).toHaveLength(3);
    expect(r.service.summaryOf(second).state).toBe('stopped');
  });

  it('due while another campaign sends, it starts when that one ends', async () => {
    const r = await newRig();
    const scheduler = new CampaignScheduler(r.service, r.clock);
    const later = await scheduled(r, r.clock.now() + 10_000, 2);
    scheduler.arm(later);
    const now = await r.service.create({
      template: 'now',
      pacing: fastPacing({ minDelaySec: 60, maxDelaySec: 60 }),
      contacts: makeContacts(3, 50),
      columns: [],
    });
    r.clock.autoAdvance();
    const { done } = await r.service.run(now.id);
    await until(() => r.service.logOf(later.id).some((l) => /campaign .* is sending/.test(l.message)), 'held back');
    await done;
    await until(() => r.service.summaryOf(later).state === 'finished', 'the scheduled one ran after');
    const bodies = r.port.sent.map((m) => m.body);
    expect(bodies).toEqual(['now', 'now', 'now', 'hi', 'hi']);
  });

  it('over IPC: a start time makes a waiting campaign (even while another sends) and a past time is refused', async () => {
    const r = await newRig();
    const scheduler = new CampaignScheduler(r.service, r.clock);
    const handlers = createCampaignHandlers({
      service: r.service,
      templates: new TemplateStore(path.join(r.dir, 'state', 'templates.json'), r.clock),
      files: { resolve: () => ({ path: '', name: '' }) },
      currentContacts: () => ({ columns: [], contacts: makeContacts(2) }),
      scheduler,
    });
    const startAt = r.clock.now() + HOUR;
    const summary = await handlers['campaign:start']({ template: 'hi', pacing: fastPacing(), startAt }, ctx);
    expect(summary).toMatchObject({ state: 'waiting', scheduledAt: startAt });
    expect(r.service.activeId).toBeNull();
    await expect(handlers['campaign:start']({ template: 'hi', pacing: fastPacing(), startAt: r.clock.now() - HOUR }, ctx)).rejects.toThrow(
      /has already passed; choose a later one/,
    );
    r.clock.advance(HOUR);
    await until(() => r.service.activeId === summary.id, 'started');
  });
});
