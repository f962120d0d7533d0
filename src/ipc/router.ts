import type { z } from 'zod';
import { invokeContract, isInvokeChannel, type InvokeChannel, type InvokeResponse } from '../shared/contract';
import { AppFailure, errorMessage, fail, ok, type Result } from '../shared/result';
import { isTrustedSender, type SenderInfo } from './sender';

type Parsed<K extends InvokeChannel> = z.output<(typeof invokeContract)[K]['request']>;

export interface CallContext {
  sender: SenderInfo;
}

export type Handler<K extends InvokeChannel> = (request: Parsed<K>, ctx: CallContext) => InvokeResponse<K> | Promise<InvokeResponse<K>>;

/** Every channel must have a handler: a missing one is a type error, not a run-time surprise. */
export type HandlerMap = { [K in InvokeChannel]: Handler<K> };

export interface RouterOptions {
  /** Origins the app's own pages are served from (file:// in Electron, http://127.0.0.1:port in the browser host). */
  trustedOrigins: readonly string[];
  onInternalError?: (channel: string, err: unknown) => void;
}

/**
 * The one place a call from a page enters main: unknown channels, foreign senders and malformed payloads are
 * refused before any handler runs; whatever a handler throws comes back as a Result.
 */
export class IpcRouter {
  constructor(
    private readonly handlers: HandlerMap,
    private readonly options: RouterOptions,
  ) {}

  async invoke(channel: unknown, payload: unknown, ctx: CallContext): Promise<Result<unknown>> {
    if (!isInvokeChannel(channel)) return fail('unknown_channel', `Unknown channel: ${String(channel).slice(0, 80)}`);
    if (!isTrustedSender(ctx.sender, this.options.trustedOrigins)) {
      return fail('forbidden', `Refused ${channel}: the request did not come from the app's own window.`);
    }
    const parsed = invokeContract[channel].request.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` (field ${issue.path.join('.')})` : '';
      return fail('bad_request', `Invalid request for ${channel}${where}: ${issue?.message ?? 'malformed payload'}`);
    }
    try {
      const handler = this.handlers[channel] as (request: unknown, ctx: CallContext) => unknown;
      return ok(await handler(parsed.data, ctx));
    } catch (err) {
      if (err instanceof AppFailure) return fail(err.code, err.message, err.said);
      this.options.onInternalError?.(channel, err);
      return fail('internal', `${channel} failed: ${errorMessage(err)}`);
    }
  }
}
