/**
 * Account limits: the warm-up of a new account, the first-contact guard (WhatsApp refusing first messages to new
 * contacts, WHATSAPP.md #20) and the meter of first messages nobody answered this month. Kept per data folder in
 * `<data folder>/state/limits.json`; the hourly and daily caps themselves are part of each campaign's pacing.
 */
import { z } from 'zod';
import type { Result } from '../result';
import type { Unsubscribe } from '../events';
import { event, invoke } from './define';

/** A new account sends little at first: `firstDayCap` on the start day, `dailyStep` more each day, up to the daily cap. */
export const WarmUp = z
  .object({
    enabled: z.boolean(),
    /** The local day warm-up started (YYYY-MM-DD); '' while it is off. */
    startDate: z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/, 'the start date must look like 2026-11-30'),
    firstDayCap: z.number().int().min(1).max(100_000),
    dailyStep: z.number().int().min(0).max(100_000),
  })
  .strict()
  .refine((w) => !w.enabled || w.startDate !== '', { message: 'warm-up needs its start date', path: ['startDate'] });
export type WarmUp = z.infer<typeof WarmUp>;

export const LimitSettings = z
  .object({
    warmUp: WarmUp,
    /** After this many first messages in a row refused by WhatsApp, messages to new contacts pause. */
    rejectPauseAfter: z.number().int().min(1).max(100),
    /** The unanswered-first-messages meter warns from this count on (0: never). */
    noReplyWarnAt: z.number().int().min(0).max(100_000),
  })
  .strict();
export type LimitSettings = z.infer<typeof LimitSettings>;

/** The limits as they stand now for the connected account (the Send screen's meter and notice). */
export interface LimitsStatus {
  /** The account these figures are about; null while no account has been connected. */
  account: string | null;
  settings: LimitSettings;
  /** Today's cap from warm-up (null when warm-up is off) and the day it reaches the full daily cap. */
  warmUpCapToday: number | null;
  /** Sends counted in the last hour and today (every campaign). */
  sentLastHour: number;
  sentToday: number;
  newContacts: {
    /** Messages to people the account never chatted with are held back. */
    paused: boolean;
    /** First messages refused in a row (reset by one that is delivered). */
    rejectedInARow: number;
    /** Epoch ms the pause began; null when not paused. */
    pausedAt: number | null;
  };
  /** First messages this month (to numbers this account never messaged before) with no reply since. */
  noReply: { month: string; count: number; warnAt: number; warning: boolean };
}

export const limitsInvokes = {
  'limits:get': invoke<LimitsStatus>()(z.undefined(), 'The limits of the connected account now (warm-up, new-contact pause, unanswered meter).'),
  'limits:save': invoke<LimitsStatus>()(
    LimitSettings,
    'Change the warm-up, the first-contact guard threshold and the meter warning; kept in limits.json.',
  ),
  'limits:resumeNewContacts': invoke<LimitsStatus>()(
    z.undefined(),
    'Send to new contacts again after WhatsApp refused first messages (the operator decides; the guard pauses them again if it goes on).',
  ),
} as const;

export const limitsEvents = {
  'limits:changed': event<LimitsStatus>()('latest', 'The limits changed: a refusal, a pause of new contacts, a send, a setting.'),
} as const;

export interface LimitsApi {
  getLimits(): Promise<Result<LimitsStatus>>;
  saveLimits(settings: LimitSettings): Promise<Result<LimitsStatus>>;
  resumeNewContacts(): Promise<Result<LimitsStatus>>;
  onLimitsChanged(listener: (status: LimitsStatus) => void): Unsubscribe;
}
