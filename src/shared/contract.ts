/**
 * The one IPC contract main, preload and renderer all import. Each feature declares its channels in
 * src/shared/contract/<feature>.ts; this module merges them and derives the types every transport uses.
 */
import type { z } from 'zod';
import type { Result } from './result';
import type { Unsubscribe } from './events';
import { campaignEvents, campaignInvokes, type CampaignApi } from './contract/campaign';
import { connectionEvents, connectionInvokes, type ConnectionApi } from './contract/connection';
import { contactsEvents, contactsInvokes, type ContactsApi } from './contract/contacts';
import type { EventDef, InvokeDef } from './contract/define';
import { diagnosticsEvents, diagnosticsInvokes, type DiagnosticsApi } from './contract/diagnostics';
import { draftEvents, draftInvokes, type DraftApi } from './contract/draft';
import { filesEvents, filesInvokes, type FilesApi } from './contract/files';
import { limitsEvents, limitsInvokes, type LimitsApi } from './contract/limits';
import { repliesEvents, repliesInvokes, type RepliesApi } from './contract/replies';
import { updatesEvents, updatesInvokes, type UpdatesApi } from './contract/updates';

export const invokeContract = {
  ...connectionInvokes,
  ...filesInvokes,
  ...contactsInvokes,
  ...campaignInvokes,
  ...limitsInvokes,
  ...diagnosticsInvokes,
  ...updatesInvokes,
  ...draftInvokes,
  ...repliesInvokes,
} as const;

export const eventContract = {
  ...connectionEvents,
  ...filesEvents,
  ...contactsEvents,
  ...campaignEvents,
  ...limitsEvents,
  ...diagnosticsEvents,
  ...updatesEvents,
  ...draftEvents,
  ...repliesEvents,
} as const;

export type InvokeChannel = keyof typeof invokeContract;
export type EventChannel = keyof typeof eventContract;

type ReqOf<D> = D extends InvokeDef<infer Req, unknown> ? z.input<Req> : never;
type ResOf<D> = D extends InvokeDef<z.ZodType, infer Res> ? Res : never;
type PayloadOf<D> = D extends EventDef<infer P> ? P : never;

export type InvokeRequest<K extends InvokeChannel> = ReqOf<(typeof invokeContract)[K]>;
export type InvokeResponse<K extends InvokeChannel> = ResOf<(typeof invokeContract)[K]>;
export type EventPayload<K extends EventChannel> = PayloadOf<(typeof eventContract)[K]>;

export const isInvokeChannel = (channel: unknown): channel is InvokeChannel => typeof channel === 'string' && Object.hasOwn(invokeContract, channel);
export const isEventChannel = (channel: unknown): channel is EventChannel => typeof channel === 'string' && Object.hasOwn(eventContract, channel);

/** What carries the contract: Electron IPC through the preload, or the browser host's WebSocket. */
export interface Transport {
  invoke<K extends InvokeChannel>(channel: K, request: InvokeRequest<K>): Promise<Result<InvokeResponse<K>>>;
  on<K extends EventChannel>(channel: K, listener: (payload: EventPayload<K>) => void): Unsubscribe;
}

/** Everything the renderer can ask for, as purpose-named methods (`window.api`). */
export interface AppApi extends ConnectionApi, FilesApi, ContactsApi, CampaignApi, LimitsApi, UpdatesApi, DiagnosticsApi, DraftApi, RepliesApi {}
