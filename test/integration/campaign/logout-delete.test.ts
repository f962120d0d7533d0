/**
 * Log out with "also delete contacts and campaign history" (issue 10, screens point 3) over the real file layout:
 * campaigns written by the CampaignService (campaign.json, contacts.jsonl, journal.jsonl, attachment/), the contact
 * list of a real ContactsService, the scratch folder. Without the choice everything stays; with it nothing of them
 * is left, and settings, the opt-out list and the saved templates stay. History's Delete refuses a campaign a runner
 * drives, and a file something holds is retried, then left for the next start.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCampaignModule } from '../../../src/app/campaign';
import { logOut, PAUSED_BY_LOGOUT, type LogoutDeps } from '../../../src/app/logout';
import { campaignPaths } from '../../../src/campaign/campaign-files';
import { ContactsService } from '../../../src/contacts/contacts-service';
import { inProcessRunner } from '../../../src/contacts/import-runner';
import { memoryJsonFile } from '../../../src/contacts/json-file';
import { MappingStore } from '../../../src/contacts/mapping-store';
import { OptOutList } from '../../../src/contacts/opt-out';
import { appPathsFor } from '../../../src/platform/app-paths';
import { DataDeleter, PENDING_DELETE_FILE, type DeleteFs } from '../../../src/platform/delete-local-data';
import type { LogoutOutcome } from '../../../src/shared/contract/connection';
import { FakeClock } from '../../fakes/fake-clock';
import { fastPacing, makeContacts, rigsClosedAfterEach, until, type Rig } from '../../unit/campaign/helpers';

const newRig = rigsClosedAfterEach();

const exists = (file: string) =>
  fs.stat(file).then(
    () => true,
    () => false,
  );

/** Waits until the campaign's journal holds the text (the runner journals a pause just after it takes hold). */
async function journalSays(dir: string, text: string): Promise<void> {
  await until(async () => (await fs.readFile(campaignPaths(dir).journal, 'utf8')).includes(text), `the journal to say "${text}"`);
}

/** A data folder as the app leaves it: two campaigns (one with an attachment), an import, settings and kept lists. */
async function dataFolder(r: Rig) {
  const paths = appPathsFor(r.dir);
  const attachment = path.join(r.dir, 'leaflet.pdf');
  await fs.writeFile(attachment, '%PDF-1.4 leaflet');
  const first = await r.service.create({ template: 'Hello {{Name}}', pacing: fastPacing(), contacts: makeContacts(3), columns: ['Name'] });
  const second = await r.service.create({
    template: 'Your results, {{Name}}',
    pacing: fastPacing(),
    contacts: makeContacts(2, 10),
    columns: ['Name'],
    attachment: { path: attachment, name: 'leaflet.pdf', size: 16, mimeType: 'application/pdf', kind: 'pdf', maxSize: 1e8 },
  });
  await fs.mkdir(path.join(paths.tempDir, 'uploads', 'ab12'), { recursive: true });
  await fs.writeFile(path.join(paths.tempDir, 'uploads', 'ab12', 'patients.csv'), 'Name,Phone\nJane,+14155550100\n');
  for (const [file, text] of [
    [paths.settingsFile, '{"browserPath":"","logoutOnExit":false}'],
    [paths.optOutFile, '{"numbers":["+14155550199"]}'],
    [path.join(paths.stateDir, 'templates.json'), '[]'],
    [path.join(paths.stateDir, 'draft.json'), '{"template":"Hello {{Name}}"}'],
    [path.join(paths.stateDir, 'contacts-source.json'), '{"source":{"kind":"text","text":"+14155550100"}}'],
  ] as const) {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, text);
  }
  const contacts = new ContactsService({
    runner: inProcessRunner,
    optOut: new OptOutList(memoryJsonFile()),
    mappings: new MappingStore(memoryJsonFile()),
    fallbackCountry: () => 'US',
  });
  await contacts.importText('+14155550100\n+14155550101\n');
  return { paths, contacts, campaigns: [first, second] };
}

function deps(r: Rig, data: Awaited<ReturnType<typeof dataFolder>>, deleteFs: DeleteFs = fs): LogoutDeps & { logouts: number } {
  const d = {
    logouts: 0,
    clock: r.clock,
    whatsapp: {
      logout: async (): Promise<LogoutOutcome> => {
        d.logouts++;
        return { wiped: true, pendingWipe: false, message: 'Deleted the session.' };
      },
    },
    campaigns: r.service,
    contacts: data.contacts,
    paths: data.paths,
    deleter: new DataDeleter(deleteFs, r.clock, { root: r.dir, maxAttempts: 3, firstDelayMs: 1 }),
    log: () => undefined,
  };
  return d;
}

describe('log out, and delete the contacts and campaign history', () => {
  it('without the choice: the campaigns, the import and the scratch folder stay', async () => {
    const r = await newRig();
    const data = await dataFolder(r);
    const d = deps(r, data);
    const outcome = await logOut(d, { deleteData: false });
    expect(outcome.dataDeleted).toBeUndefined();
    expect(d.logouts).toBe(1);
    for (const c of data.campaigns) expect(await exists(campaignPaths(c.dir).journal)).toBe(true);
    expect(await exists(path.join(data.paths.tempDir, 'uploads', 'ab12', 'patients.csv'))).toBe(true);
    expect(await exists(path.join(data.paths.stateDir, 'draft.json'))).toBe(true);
    expect(data.contacts.summary()?.counts.valid).toBe(2);
    expect((await r.service.list()).map((s) => s.id).sort()).toEqual(data.campaigns.map((c) => c.id).sort());
  });

  it('with it: no campaign file, contact list or upload is left; settings, opt-out list and templates stay', async () => {
    const r = await newRig();
    const data = await dataFolder(r);
    expect(await exists(path.join(data.campaigns[1]!.dir, 'attachment', 'attachment.pdf'))).toBe(true);
    const outcome = await logOut(deps(r, data), { deleteData: true });
    expect(outcome.dataDeleted).toEqual({
      deleted: true,
      pending: false,
      message: expect.stringMatching(/contact list, every campaign with its results and replies, and the message draft/),
    });
    expect(await exists(data.paths.campaignsDir)).toBe(false);
    expect(await exists(data.paths.tempDir)).toBe(false);
    expect(await exists(path.join(data.paths.stateDir, 'draft.json'))).toBe(false);
    expect(await exists(path.join(data.paths.stateDir, 'contacts-source.json'))).toBe(false);
    expect(data.contacts.summary()).toBeNull();
    expect(await r.service.list()).toEqual([]);
    for (const kept of [data.paths.settingsFile, data.paths.optOutFile, path.join(data.paths.stateDir, 'templates.json')]) {
      expect(await exists(kept), kept).toBe(true);
    }
    expect(await exists(path.join(r.dir, PENDING_DELETE_FILE))).toBe(false);
    // A new campaign afterwards starts from an empty history.
    await r.service.create({ template: 'Hi', pacing: fastPacing(), contacts: makeContacts(1), columns: ['Name'] });
    expect(await r.service.list()).toHaveLength(1);
  });

  it('a campaign that is sending: log out pauses it, journalled with the reason; with delete it is stopped, then deleted', async () => {
    const r = await newRig();
    const data = await dataFolder(r);
    const [first] = data.campaigns;
    r.port.defaultBehaviour = { kind: 'held' };
    await r.service.run(first!.id);
    r.clock.autoAdvance(2, 600_000);
    await until(() => r.port.heldCount === 1, 'first send in flight');
    // No clock from here: log out waits for the pause (an event), not for its time limit.
    r.clock.stopAuto();
    const d = deps(r, data);
    let stateAtLogout = '';
    const realLogout = d.whatsapp.logout;
    d.whatsapp.logout = () => ((stateAtLogout = r.service.summaryOf(first!).state), realLogout());
    const logout = logOut(d, undefined);
    expect(d.logouts).toBe(0);
    r.port.releaseHeld();
    await logout;
    expect(stateAtLogout).toBe('paused');
    expect(r.service.summaryOf(first!).reason).toBe(PAUSED_BY_LOGOUT);
    await journalSays(first!.dir, 'logged out of WhatsApp');

    await until(() => r.port.heldCount === 0, 'nothing in flight');
    const deleting = logOut(deps(r, data), { deleteData: true });
    const outcome = await deleting;
    expect(outcome.dataDeleted?.deleted).toBe(true);
    expect(r.service.activeId).toBeNull();
    expect(await exists(data.paths.campaignsDir)).toBe(false);
  });

  it('a file something holds: retried, then left for the next start, which deletes it', async () => {
    const r = await newRig();
    const data = await dataFolder(r);
    let held = true;
    const busy: DeleteFs = {
      ...fs,
      rm: async (target, options) => {
        if (held && target === data.paths.campaignsDir)
          throw Object.assign(new Error(`EBUSY: resource busy or locked, rmdir '${target}'`), { code: 'EBUSY' });
        return fs.rm(target, options);
      },
    };
    r.clock.autoAdvance(); // the waits between attempts
    const outcome = await logOut(deps(r, data, busy), { deleteData: true });
    expect(outcome.dataDeleted).toMatchObject({ deleted: false, pending: true, message: expect.stringMatching(/EBUSY.*when the app next starts/) });
    expect(await exists(data.paths.tempDir)).toBe(false);
    const marker = JSON.parse(await fs.readFile(path.join(r.dir, PENDING_DELETE_FILE), 'utf8')) as { what: string[] };
    expect(marker.what).toEqual([data.paths.campaignsDir]);

    held = false;
    const next = await new DataDeleter(fs, new FakeClock(), { root: r.dir }).honourPending();
    expect(next).toMatchObject({ deleted: true });
    expect(await exists(data.paths.campaignsDir)).toBe(false);
    expect(await exists(path.join(r.dir, PENDING_DELETE_FILE))).toBe(false);
  });

  it('a marker never deletes outside the data folder', async () => {
    const r = await newRig();
    const outside = await fs.mkdtemp(path.join(path.dirname(r.dir), 'wa-outside-'));
    await fs.writeFile(path.join(r.dir, PENDING_DELETE_FILE), JSON.stringify({ when: '', what: [outside, '/'], lastError: '' }));
    await new DataDeleter(fs, r.clock, { root: r.dir }).honourPending();
    expect(await exists(outside)).toBe(true);
    await fs.rm(outside, { recursive: true });
  });
});

describe('log out with delete, over the campaign module of the app', () => {
  it('also forgets who replied (replies.json keeps no number)', async () => {
    const r = await newRig();
    const paths = appPathsFor(r.dir);
    const repliesFile = path.join(paths.stateDir, 'replies.json');
    await fs.mkdir(paths.stateDir, { recursive: true });
    const stored = { version: 1, links: { '123@lid': '+14155550100' }, replied: { '+14155550100': { first: 1, last: 2 } }, confirmed: {} };
    await fs.writeFile(repliesFile, JSON.stringify(stored));
    const module = createCampaignModule({
      paths,
      port: r.port,
      clock: r.clock,
      optOut: { has: () => false, addByReply: async () => undefined },
      files: { resolve: () => ({ path: '', name: '' }) },
      currentContacts: () => null,
      notifier: { emit: () => undefined },
    });
    await module.start();
    await module.service.create({ template: 'Hi', pacing: fastPacing(), contacts: makeContacts(1), columns: ['Name'] });
    const contacts = { clear: () => undefined };
    const deleter = new DataDeleter(fs, r.clock, { root: r.dir });
    const whatsapp = { logout: async () => ({ wiped: true, pendingWipe: false, message: 'Deleted the session.' }) };
    const outcome = await logOut(
      { whatsapp, campaigns: module.forLogout, contacts, paths, deleter, clock: r.clock, log: () => undefined },
      { deleteData: true },
    );
    expect(outcome.dataDeleted?.deleted).toBe(true);
    expect(await fs.readFile(repliesFile, 'utf8')).not.toMatch(/\+1415|@lid/);
    expect(await module.service.list()).toEqual([]);
    await module.shutdown();
  });
});

describe('History: Delete one campaign', () => {
  it('deletes its folder and forgets it; the other campaigns stay', async () => {
    const r = await newRig();
    const data = await dataFolder(r);
    const [first, second] = data.campaigns;
    expect(await r.service.delete(first!.id)).toMatchObject({ deleted: true });
    expect(await exists(first!.dir)).toBe(false);
    expect(await exists(second!.dir)).toBe(true);
    expect((await r.service.list()).map((s) => s.id)).toEqual([second!.id]);
    // A fresh service (the next start) does not find it either.
    expect((await r.newService().list()).map((s) => s.id)).toEqual([second!.id]);
    await expect(r.service.get(first!.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses a campaign that is sending, and one paused mid-run, naming it; deletes it once stopped', async () => {
    const r = await newRig();
    const data = await dataFolder(r);
    const [first] = data.campaigns;
    r.port.defaultBehaviour = { kind: 'held' };
    await r.service.run(first!.id);
    r.clock.autoAdvance(2, 600_000);
    await until(() => r.port.heldCount === 1, 'send in flight');
    await expect(r.service.delete(first!.id)).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/^Campaign "Campaign of .*" is sending\. Stop it first, then delete it\.$/),
    });
    r.service.pause(first!.id);
    r.port.releaseHeld();
    await until(() => r.service.summaryOf(first!).state === 'paused', 'paused');
    await expect(r.service.delete(first!.id)).rejects.toMatchObject({ message: expect.stringContaining('is paused in the middle of sending') });
    expect(await exists(first!.dir)).toBe(true);

    await r.service.stop(first!.id);
    await until(() => r.service.activeId === null, 'runner ended');
    expect(await r.service.delete(first!.id)).toMatchObject({ deleted: true });
    expect(await exists(first!.dir)).toBe(false);
  });

  it('a campaign that cannot be loaded can be deleted too', async () => {
    const r = await newRig();
    const data = await dataFolder(r);
    const [first] = data.campaigns;
    await fs.writeFile(campaignPaths(first!.dir).contacts, '{"row": 2, "phone": \n');
    const service = r.newService();
    expect((await service.list()).find((s) => s.id === first!.id)?.damage).toBeDefined();
    expect(await service.delete(first!.id)).toMatchObject({ deleted: true });
    expect(await exists(first!.dir)).toBe(false);
    expect((await service.list()).map((s) => s.id)).toEqual([data.campaigns[1]!.id]);
    await service.close();
  });

  it('an unknown id is not found', async () => {
    const r = await newRig();
    await expect(r.service.delete('c_20260101000000_deadbeef')).rejects.toMatchObject({ code: 'not_found' });
  });
});
