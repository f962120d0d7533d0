import { describe, expect, it } from 'vitest';
import type { CampaignSummary } from '../../../src/shared/contract/campaign';
import { fastPacing, makeContacts, rigsClosedAfterEach } from './helpers';

const newRig = rigsClosedAfterEach();

describe('the ETA while sending (the runner over src/core/eta.ts)', () => {
  it('24 contacts at 2-4 s with breaks every 25-45: each estimate lands within seconds of the real finish (measured: within 2 s)', async () => {
    const r = await newRig();
    const pacing = fastPacing({
      minDelaySec: 2,
      maxDelaySec: 4,
      batchSizeMin: 25,
      batchSizeMax: 45,
      batchPauseMinSec: 300,
      batchPauseMaxSec: 900,
      hourlyCap: null,
    });
    const campaign = await r.service.create({ template: 'Hi {{name}}', pacing, contacts: makeContacts(24), columns: ['Name'] });
    const estimates: Array<{ at: number; finishAt: number; done: number }> = [];
    const off = r.service.progress.on((s: CampaignSummary) => {
      if (s.id === campaign.id && s.state === 'running' && s.etaMs !== null) {
        estimates.push({ at: r.clock.now(), finishAt: r.clock.now() + s.etaMs, done: s.counts.sent });
      }
    });
    const started = r.clock.now();
    r.clock.autoAdvance();
    await (
      await r.service.run(campaign.id)
    ).done;
    off();
    const finished = r.port.sent.at(-1)!.at;
    expect(r.port.sent).toHaveLength(24);
    // 23 gaps of 2-4 s and no break (a batch is at least 25): about 70 s, and the estimates say so.
    expect(finished - started).toBeGreaterThan(46_000);
    expect(finished - started).toBeLessThan(92_000);
    expect(estimates.length).toBeGreaterThan(10);
    for (const e of estimates) expect(Math.abs(e.finishAt - finished), `after ${e.done} sent`).toBeLessThan(8_000);
    // The first one, before anything was sent, already within 8 s of the 70-odd seconds.
    expect(estimates[0]!.at).toBe(started);
  });
});
