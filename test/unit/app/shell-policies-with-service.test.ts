import { describe, expect, it } from 'vitest';
import { campaignActivity } from '../../../src/app/campaign-activity';
import { CloseGuard, PAUSED_ON_CLOSE } from '../../../src/app/close-policy';
import { NotificationPolicy, type Notice } from '../../../src/app/notification-policy';
import { fastPacing, makeContacts, rigsClosedAfterEach, type Rig } from '../campaign/helpers';

/**
 * The close policy and the notification policy over the real campaign service and runner (a fake WhatsApp and
 * clock): the pause reasons and states they tell apart are the runner's own.
 */
const rig = rigsClosedAfterEach();

function watch(r: Rig) {
  const activity = campaignActivity(r.service);
  const notices: Notice[] = [];
  const policy = new NotificationPolicy({ show: (n) => notices.push(n), windowInFront: () => false, clock: r.clock });
  policy.watch(activity, r.port);
  return { activity, notices };
}

describe('shell policies over the real campaign service', () => {
  it('a finished campaign is told once, with its counts', async () => {
    const r = await rig();
    const { activity, notices } = watch(r);
    const campaign = await r.service.create({
      name: 'June',
      template: 'Hi {{Name}}',
      pacing: fastPacing(),
      contacts: makeContacts(3),
      columns: ['Name'],
    });
    const { done } = await r.service.run(campaign.id);
    // The clock stands still: the runner waits after its first message.
    await expect.poll(() => activity.sending()?.id).toBe(campaign.id);
    r.clock.autoAdvance();
    await done;
    expect(activity.sending()).toBeNull();
    expect(notices).toEqual([{ kind: 'finished', title: 'Campaign finished', body: '"June": 3 of 3 sent, 0 failed, 0 skipped.' }]);
  });

  it("the operator's pause and the close question's pause are not told; a pause after failures is", async () => {
    const r = await rig();
    const { activity, notices } = watch(r);
    const campaign = await r.service.create({ template: 'x', pacing: fastPacing(), contacts: makeContacts(4), columns: [] });
    // The clock stands still: the runner stays running, waiting after its first message.
    await r.service.run(campaign.id);
    await expect.poll(() => activity.sending()?.state).toBe('running');
    r.service.pause(campaign.id);
    await expect.poll(() => r.service.summaryOf(campaign).state).toBe('paused');
    expect(r.service.summaryOf(campaign).reason).toBe('Paused by the operator.');
    await r.service.resume(campaign.id);
    await expect.poll(() => activity.sending()?.state).toBe('running');
    // "Pause and close" in the close question.
    const guard = new CloseGuard({ campaigns: activity, ask: async () => 'pause', toBackground: () => {}, close: () => {}, log: () => {} });
    guard.onClose({ preventDefault: () => {} });
    await expect.poll(() => r.service.summaryOf(campaign).reason).toBe(PAUSED_ON_CLOSE);
    expect(notices).toEqual([]);

    r.port.defaultBehaviour = { kind: 'fail', message: 'rate-overlimit' };
    const failing = fastPacing({ minDelaySec: 0, maxDelaySec: 0, autoPauseAfterFailures: 2 });
    const second = await r.service.create({ template: 'x', pacing: failing, contacts: makeContacts(4, 10), columns: [] });
    await r.service.stop(campaign.id);
    await expect.poll(() => r.service.activeId).toBeNull();
    r.clock.autoAdvance();
    await r.service.run(second.id);
    await expect.poll(() => notices.map((n) => n.kind)).toEqual(['paused']);
    expect(notices[0]!.body).toMatch(/paused after 2 failures/);
  });

  it('the daily cap is told when sending stops for the day', async () => {
    const r = await rig();
    const { notices } = watch(r);
    const campaign = await r.service.create({ template: 'x', pacing: fastPacing({ dailyCap: 1 }), contacts: makeContacts(3), columns: [] });
    await r.service.run(campaign.id);
    await expect.poll(() => notices.map((n) => n.kind)).toEqual(['daily-cap']);
    expect(r.service.summaryOf(campaign).state).toBe('waiting');
  });
});
