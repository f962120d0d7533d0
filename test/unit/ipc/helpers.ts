import { IpcRouter, type HandlerMap } from '../../../src/ipc/router';
import { invokeContract, type InvokeChannel } from '../../../src/shared/contract';

export const APP = 'app://renderer';
export const own = { sender: { url: `${APP}/index.html`, isMainFrame: true } };

/**
 * A router whose given channels run the real handlers; any other channel fails the test if it is reached. `internal`
 * collects the channels that ended in an unexpected (internal) error.
 */
export function routerOver(real: Partial<HandlerMap>) {
  const handlers = Object.fromEntries(
    (Object.keys(invokeContract) as InvokeChannel[]).map((channel) => [
      channel,
      real[channel] ??
        (() => {
          throw new Error(`${channel} was not expected in this test`);
        }),
    ]),
  ) as unknown as HandlerMap;
  const internal: string[] = [];
  const router = new IpcRouter(handlers, { trustedOrigins: [APP], onInternalError: (c) => internal.push(c) });
  return { router, internal, invoke: (channel: string, payload?: unknown) => router.invoke(channel, payload, own) };
}
