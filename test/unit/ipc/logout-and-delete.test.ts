/**
 * wa:logout's { deleteData } and campaign:delete through the router (issue 10): good payloads reach the handlers,
 * bad ones are refused before anything runs.
 */
import { describe, expect, it } from 'vitest';
import { createCampaignDeleteHandlers } from '../../../src/ipc/handlers/campaign-delete';
import { createConnectionHandlers, type ConnectionHandlerDeps } from '../../../src/ipc/handlers/connection';
import { AppFailure } from '../../../src/shared/result';
import type { LogoutRequest } from '../../../src/shared/contract/connection';
import { routerOver } from './helpers';

function connection(requests: LogoutRequest[]) {
  const deps = {
    info: { version: 't', demo: true, host: 'browser-host', platform: 'linux', dataDir: '/tmp' },
    connection: {
      getStatus: () => ({ kind: 'idle' }),
      connect: async () => undefined,
      resetCache: async () => undefined,
      logout: async (request?: LogoutRequest) => {
        requests.push(request);
        return {
          wiped: true,
          pendingWipe: false,
          message: 'Deleted.',
          ...(request?.deleteData ? { dataDeleted: { deleted: true, pending: false, message: 'Gone.' } } : {}),
        };
      },
    },
  } as unknown as ConnectionHandlerDeps;
  return routerOver(createConnectionHandlers(deps));
}

describe('wa:logout', () => {
  it('takes no payload, or { deleteData }, and passes it on', async () => {
    const requests: LogoutRequest[] = [];
    const t = connection(requests);
    expect(await t.invoke('wa:logout')).toMatchObject({ ok: true, value: { wiped: true } });
    expect(await t.invoke('wa:logout', { deleteData: false })).toMatchObject({ ok: true });
    expect(await t.invoke('wa:logout', { deleteData: true })).toMatchObject({ ok: true, value: { dataDeleted: { deleted: true } } });
    expect(requests).toEqual([undefined, { deleteData: false }, { deleteData: true }]);
  });

  it('refuses anything else before logging out', async () => {
    const requests: LogoutRequest[] = [];
    const t = connection(requests);
    for (const bad of [{ deleteData: 'yes' }, { deleteData: true, alsoSettings: true }, {}, 'delete', null]) {
      expect(await t.invoke('wa:logout', bad), JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
    expect(requests).toEqual([]);
    expect(t.internal).toEqual([]);
  });
});

describe('campaign:delete', () => {
  it('deletes by campaign id, passes on a refusal, and refuses a payload that is not one', async () => {
    const deleted: string[] = [];
    const t = routerOver(
      createCampaignDeleteHandlers({
        delete: async (id: string) => {
          if (id === 'c_sending_1234') throw new AppFailure('conflict', 'Campaign "May" is sending. Stop it first, then delete it.');
          deleted.push(id);
          return { deleted: true, pending: false, remaining: [], message: 'Deleted c_x.' };
        },
      }),
    );
    expect(await t.invoke('campaign:delete', { id: 'c_20261130_abcd' })).toEqual({
      ok: true,
      value: { deleted: true, pending: false, message: 'Deleted c_x.' },
    });
    expect(await t.invoke('campaign:delete', { id: 'c_sending_1234' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('Stop it first') },
    });
    for (const bad of [{ id: '../../etc' }, { id: 'c_ok_1234', extra: 1 }, undefined, { id: 5 }]) {
      expect(await t.invoke('campaign:delete', bad), JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
    expect(deleted).toEqual(['c_20261130_abcd']);
    expect(t.internal).toEqual([]);
  });
});
