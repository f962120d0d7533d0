import { describe, expect, it } from 'vitest';
import { IpcRouter, type HandlerMap } from '../../../src/ipc/router';
import { invokeContract, type InvokeChannel } from '../../../src/shared/contract';
import { AppFailure } from '../../../src/shared/result';

const APP = 'app://renderer';
const own = { sender: { url: `${APP}/index.html`, isMainFrame: true } };

/** Every handler records its call; a few are overridden per test. */
function routerWith(overrides: Partial<HandlerMap> = {}) {
  const calls: Array<{ channel: string; request: unknown }> = [];
  const handlers = Object.fromEntries(
    (Object.keys(invokeContract) as InvokeChannel[]).map((channel) => [
      channel,
      overrides[channel] ??
        ((request: unknown) => {
          calls.push({ channel, request });
          return `handled ${channel}`;
        }),
    ]),
  ) as unknown as HandlerMap;
  const internal: string[] = [];
  const router = new IpcRouter(handlers, { trustedOrigins: [APP], onInternalError: (c) => internal.push(c) });
  return { router, calls, internal };
}

describe('IpcRouter', () => {
  it('runs the handler of a known channel with the validated payload', async () => {
    const { router, calls } = routerWith();
    const r = await router.invoke('settings:update', { logoutOnExit: true }, own);
    expect(r).toEqual({ ok: true, value: 'handled settings:update' });
    expect(calls).toEqual([{ channel: 'settings:update', request: { logoutOnExit: true } }]);
  });

  it('refuses an unknown channel without running anything', async () => {
    const { router, calls } = routerWith();
    for (const channel of ['wa:format-disk', '__proto__', 'constructor', 42, null]) {
      const r = await router.invoke(channel, undefined, own);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('unknown_channel');
    }
    expect(calls).toEqual([]);
  });

  it('refuses malformed payloads with a message naming the field', async () => {
    const { router, calls } = routerWith();
    const wrongType = await router.invoke('settings:update', { logoutOnExit: 'yes' }, own);
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    if (!wrongType.ok) expect(wrongType.error.message).toContain('logoutOnExit');
    const extraField = await router.invoke('settings:update', { browserPath: '/x', evil: 1 }, own);
    expect(extraField).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const argsWhereNoneAllowed = await router.invoke('wa:logout', { now: true }, own);
    expect(argsWhereNoneAllowed).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const badFileRef = await router.invoke('files:pickOpen', { purpose: 'passwords' }, own);
    expect(badFileRef).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(calls).toEqual([]);
  });

  it('refuses foreign senders: other origins, subframes and unparsable URLs', async () => {
    const { router, calls } = routerWith();
    const senders = [
      { url: 'https://evil.example/x', isMainFrame: true },
      { url: 'file:///tmp/page.html', isMainFrame: true },
      { url: `${APP}/index.html`, isMainFrame: false },
      { url: 'not a url', isMainFrame: true },
      { url: '', isMainFrame: true },
    ];
    for (const sender of senders) {
      const r = await router.invoke('wa:getStatus', undefined, { sender });
      expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(calls).toEqual([]);
  });

  it('turns a thrown AppFailure into its code and anything else into internal', async () => {
    const { router, internal } = routerWith({
      'wa:simulateScan': () => {
        throw new AppFailure('bad_request', 'Simulate scan exists only in demo mode.');
      },
      'wa:connect': async () => {
        throw new Error('browser crashed');
      },
    });
    expect(await router.invoke('wa:simulateScan', undefined, own)).toEqual({
      ok: false,
      error: { code: 'bad_request', message: 'Simulate scan exists only in demo mode.' },
    });
    const r = await router.invoke('wa:connect', undefined, own);
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    if (!r.ok) expect(r.error.message).toContain('browser crashed');
    expect(internal).toEqual(['wa:connect']);
  });
});
