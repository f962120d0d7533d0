import { describe, expect, it } from 'vitest';
import { campaignNotice } from '../../../src/app/notification-policy';
import { newContactsWaitReason } from '../../../src/campaign/reject-guard';
import { DEFAULT_LIMITS } from '../../../src/core/send-limits';
import { createLimitsHandlers } from '../../../src/ipc/handlers/limits';
import { limitsInvokes, type LimitSettings, type LimitsStatus } from '../../../src/shared/contract/limits';
import { summary } from '../../fakes/fake-campaigns';

describe('account limits in the app', () => {
  it('notifies when only new contacts are left after refusals, in the words of the Send screen', () => {
    const notice = campaignNotice(summary('c1', 'waiting', { reason: newContactsWaitReason(2, 3) }));
    expect(notice).toEqual({
      kind: 'new-contacts',
      title: 'New contacts paused',
      body: '"May reminders": WhatsApp refused 3 first messages in a row. New contacts are paused to protect your account; people you have chatted with still get the message. Wait a day before messaging new contacts.',
    });
    // Other waits (the sending window) need none.
    expect(campaignNotice(summary('c1', 'waiting', { reason: 'Outside the sending window (9:00-20:00).' }))).toBeNull();
  });

  it('limits:save checks its payload: warm-up needs a start date, thresholds are whole numbers in range', () => {
    const schema = limitsInvokes['limits:save'].request;
    const good: LimitSettings = { ...DEFAULT_LIMITS, warmUp: { enabled: true, startDate: '2026-11-30', firstDayCap: 20, dailyStep: 10 } };
    expect(schema.safeParse(good).success).toBe(true);
    const noDate = schema.safeParse({ ...good, warmUp: { ...good.warmUp, startDate: '' } });
    expect(noDate.success).toBe(false);
    expect(noDate.error?.issues[0]?.message).toBe('warm-up needs its start date');
    expect(schema.safeParse({ ...good, rejectPauseAfter: 0 }).success).toBe(false);
    expect(schema.safeParse({ ...good, noReplyWarnAt: 1.5 }).success).toBe(false);
    expect(schema.safeParse({ ...good, extra: 1 }).success).toBe(false);
    expect(schema.safeParse({ ...good, warmUp: { ...good.warmUp, startDate: '30/11/2026' } }).success).toBe(false);
  });

  it('the handlers save, resume and answer with the limits as they stand', async () => {
    const saved: LimitSettings[] = [];
    let resumed = 0;
    const status = { account: '15550001111', settings: DEFAULT_LIMITS } as LimitsStatus;
    const handlers = createLimitsHandlers({
      status: async () => status,
      save: async (s) => void saved.push(s),
      resumeNewContacts: async () => void (resumed += 1),
    });
    const call = handlers['limits:save'] as (req: LimitSettings) => Promise<LimitsStatus>;
    expect(await call(DEFAULT_LIMITS)).toBe(status);
    expect(saved).toEqual([DEFAULT_LIMITS]);
    expect(await (handlers['limits:resumeNewContacts'] as (req: undefined) => Promise<LimitsStatus>)(undefined)).toBe(status);
    expect(resumed).toBe(1);
  });
});
