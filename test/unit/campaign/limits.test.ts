import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CampaignService } from '../../../src/campaign/campaign-service';
import { localDay } from '../../../src/core/pacing';
import { DEFAULT_LIMITS } from '../../../src/core/send-limits';
import type { LimitSettings } from '../../../src/shared/contract/limits';
import { FakeClock } from '../../fakes/fake-clock';
import { FakeWhatsApp } from '../../fakes/fake-whatsapp';
import { seededRandom } from '../../fakes/seeded-random';
import { fastPacing, makeContacts, tmpDir } from './helpers';

const HOUR = 3600_000;

async function serviceWith(settings: LimitSettings = DEFAULT_LIMITS) {
  const root = await tmpDir();
  const clock = new FakeClock();
  const port = new FakeWhatsApp(clock);
  const service = new CampaignService({
    campaignsDir: path.join(root, 'campaigns'),
    stateDir: path.join(root, 'state'),
    port,
    clock,
    optOut: { has: () => false },
    random: seededRandom(7),
    limits: { settings: () => settings },
  });
  return { clock, port, service };
}

describe('hourly cap and warm-up', () => {
  it('waits for the hourly cap (saying until when) instead of failing, then goes on', async () => {
    const { clock, port, service } = await serviceWith();
    const campaign = await service.create({ template: 'x', pacing: fastPacing({ hourlyCap: 3 }), contacts: makeContacts(5), columns: [] });
    const reasons: string[] = [];
    service.progress.on((s) => s.state === 'waiting' && s.reason && reasons.push(s.reason));
    clock.autoAdvance();
    try {
      await (
        await service.run(campaign.id)
      ).done;
    } finally {
      clock.stopAuto();
      await service.close();
    }
    expect(campaign.model.counts()).toMatchObject({ sent: 5, failed: 0 });
    const times = port.sent.map((m) => m.at);
    // No rolling hour holds more than 3 sends: the 4th goes an hour after the 1st.
    expect(times[3]! - times[0]!).toBeGreaterThanOrEqual(HOUR);
    expect(times[4]! - times[1]!).toBeGreaterThanOrEqual(HOUR);
    expect(times[2]! - times[0]!).toBeLessThan(60_000);
    expect(reasons[0]).toMatch(/^Waiting for the hourly cap: 3 messages went out in the last hour; sending goes on at \d\d:\d\d\.$/);
  });

  it('warm-up: a new account sends its first-day cap, then a step more the next day', async () => {
    const { clock, port, service } = await serviceWith({
      ...DEFAULT_LIMITS,
      warmUp: { enabled: true, startDate: localDay(new FakeClock().now()), firstDayCap: 2, dailyStep: 1 },
    });
    const start = clock.now();
    const campaign = await service.create({ template: 'x', pacing: fastPacing(), contacts: makeContacts(6), columns: [] });
    const reasons: string[] = [];
    service.progress.on((s) => s.state === 'waiting' && s.reason && reasons.push(s.reason));
    clock.autoAdvance();
    try {
      await (
        await service.run(campaign.id)
      ).done;
    } finally {
      clock.stopAuto();
      await service.close();
    }
    const days = port.sent.map((m) => localDay(m.at));
    const day = (n: number) => localDay(start + n * 24 * HOUR);
    expect(days).toEqual([day(0), day(0), day(1), day(1), day(1), day(2)]);
    expect(reasons[0]).toMatch(/^Warm-up: today's cap of 2 messages for this new account is reached \(it rises by 1 a day up to 10000\)/);
    const status = await service.limits.status('15550001111');
    expect(status.warmUpCapToday).toBe(4);
    expect(status.sentToday).toBe(1);
  });
});
