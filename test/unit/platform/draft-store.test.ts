import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDraftHandlers } from '../../../src/ipc/handlers/draft';
import { DEFAULT_PACING } from '../../../src/core/pacing';
import { DraftStore, type DraftContent } from '../../../src/platform/draft-store';
import { FileRegistry } from '../../../src/platform/file-registry';
import { FaultyFs } from '../../fakes/fake-fs';
import { routerOver } from '../ipc/helpers';

const tmp = () => mkdtemp(path.join(os.tmpdir(), 'draft-test-'));
const NOW = Date.UTC(2026, 10, 30, 9, 0);

const content = (over: Partial<DraftContent> = {}): DraftContent => ({
  template: 'Hello {{name}}, your appointment is on {{date}}.',
  attachment: null,
  pacing: { ...DEFAULT_PACING, minDelaySec: 40, window: { startHour: 8, endHour: 18 } },
  campaignName: 'May reminders',
  draftId: 'draft_1234',
  ...over,
});

describe('DraftStore', () => {
  it('keeps the whole draft across a new store (a restart), written atomically with no temp file left', async () => {
    const dir = await tmp();
    const file = path.join(dir, 'state', 'draft.json');
    const fs = new FaultyFs();
    const store = new DraftStore(fs, file, () => NOW);
    expect(await store.load()).toEqual({ draft: null, problem: null });
    await store.save(content({ attachment: { path: '/home/op/leaflet.pdf', name: 'leaflet.pdf' } }));

    const again = await new DraftStore(new FaultyFs(), file, () => NOW + 1).load();
    expect(again.problem).toBeNull();
    expect(again.draft).toEqual({ version: 1, ...content({ attachment: { path: '/home/op/leaflet.pdf', name: 'leaflet.pdf' } }), savedAt: NOW });
    expect(await readdir(path.dirname(file))).toEqual(['draft.json']);
    // Written to a temp file, then renamed over the draft.
    expect(fs.calls.map((c) => c.op)).toEqual(['readFile', 'mkdir', 'writeFile', 'rename']);
  });

  it('the last of quick saves wins, and discard removes the draft (a later load finds none)', async () => {
    const file = path.join(await tmp(), 'draft.json');
    const store = new DraftStore(new FaultyFs(), file, () => NOW);
    await Promise.all([
      store.save(content({ template: 'one' })),
      store.save(content({ template: 'two' })),
      store.save(content({ template: 'three' })),
    ]);
    expect((await store.load()).draft?.template).toBe('three');
    await Promise.all([store.save(content({ template: 'four' })), store.discard()]);
    expect(await store.load()).toEqual({ draft: null, problem: null });
    // Discarding when there is nothing is fine too.
    await store.discard();
  });

  it('a failed write is reported to the caller and leaves the previous draft whole', async () => {
    const file = path.join(await tmp(), 'draft.json');
    const fs = new FaultyFs();
    const store = new DraftStore(fs, file, () => NOW);
    await store.save(content({ template: 'kept' }));
    fs.failNext('rename', `${file}.${process.pid}.tmp`, 'ENOSPC', 1);
    await expect(store.save(content({ template: 'lost' }))).rejects.toThrow(/ENOSPC/);
    expect((await store.load()).draft?.template).toBe('kept');
    // The queue goes on after a failure.
    await store.save(content({ template: 'next' }));
    expect((await store.load()).draft?.template).toBe('next');
  });

  it('a damaged file is moved aside (never written over), named with its field, and a new draft starts', async () => {
    const dir = await tmp();
    const file = path.join(dir, 'draft.json');
    const damaged = JSON.stringify({ version: 1, ...content(), campaignName: 42, savedAt: NOW });
    await writeFile(file, damaged);
    const loaded = await new DraftStore(new FaultyFs(), file, () => NOW).load();
    expect(loaded.draft).toBeNull();
    expect(loaded.problem).toMatch(/draft\.json: field campaignName: expected string/);
    const copies = (await readdir(dir)).filter((f) => f.startsWith('draft.json.damaged-'));
    expect(copies).toHaveLength(1);
    expect(loaded.problem).toContain(copies[0]);
    expect(await readFile(path.join(dir, copies[0]!), 'utf8')).toBe(damaged);
  });

  it('a file that cannot be read now is left in place, says so, and no save replaces it until it can be read', async () => {
    const file = path.join(await tmp(), 'draft.json');
    const kept = JSON.stringify({ version: 1, ...content({ template: 'kept' }), savedAt: NOW });
    await writeFile(file, kept);
    const fs = new FaultyFs().failNext('readFile', file, 'EACCES', 1);
    const store = new DraftStore(fs, file, () => NOW);
    expect(await store.load()).toEqual({ draft: null, problem: expect.stringMatching(/cannot be read .*EACCES.*left as it is/) });
    await expect(store.save(content({ template: 'new' }))).rejects.toThrow(/changes are not kept until it can be read/);
    expect(await readFile(file, 'utf8')).toBe(kept);
    // Readable again: the kept draft comes back, and saves go on.
    expect((await store.load()).draft?.template).toBe('kept');
    await store.save(content({ template: 'new' }));
    expect((await store.load()).draft?.template).toBe('new');
  });
});

describe('draft handlers (through the router)', () => {
  async function rig() {
    const dir = await tmp();
    const files = new FileRegistry();
    const store = new DraftStore(new FaultyFs(), path.join(dir, 'draft.json'), () => NOW);
    const warned: string[] = [];
    const handlers = createDraftHandlers({ store, files, sentToday: async () => 37, warn: (m) => warned.push(m) });
    return { dir, files, store, warned, ...routerOver(handlers) };
  }
  const request = (over: Record<string, unknown> = {}) => ({
    template: 'Hi {{name}}',
    attachmentFileId: null,
    pacing: DEFAULT_PACING,
    campaignName: '',
    draftId: 'abcd1234',
    ...over,
  });

  it('saves and gives back the draft, its attachment registered again under a fresh reference', async () => {
    const { dir, files, invoke } = await rig();
    const leaflet = path.join(dir, 'leaflet.pdf');
    await writeFile(leaflet, '%PDF-1.4');
    const ref = await files.register(leaflet);
    expect(await invoke('draft:save', request({ attachmentFileId: ref.id }))).toEqual({ ok: true, value: { savedAt: NOW } });

    const got = await invoke('draft:get');
    if (!got.ok) throw new Error(got.error.message);
    const draft = got.value as { attachment: { fileId: string; name: string }; attachmentProblem: string | null; template: string };
    expect(draft.template).toBe('Hi {{name}}');
    expect(draft.attachmentProblem).toBeNull();
    expect(draft.attachment.name).toBe('leaflet.pdf');
    expect(draft.attachment.fileId).not.toBe(ref.id);
    expect(files.resolve(draft.attachment.fileId, 'read').path).toBe(leaflet);
  });

  it('an attachment gone since it was chosen is said plainly (its name and folder), and the rest of the draft comes back', async () => {
    const { dir, files, invoke } = await rig();
    const leaflet = path.join(dir, 'leaflet.pdf');
    await writeFile(leaflet, '%PDF-1.4');
    await invoke('draft:save', request({ attachmentFileId: (await files.register(leaflet)).id }));
    await rm(leaflet);
    const got = await invoke('draft:get');
    expect(got).toMatchObject({
      ok: true,
      value: {
        template: 'Hi {{name}}',
        attachment: null,
        attachmentProblem: `The attachment leaflet.pdf chosen for this message is no longer in ${dir}. Choose it again, or send without it.`,
      },
    });
  });

  it('refuses a reference made for writing, an unknown one, a malformed draft; discard forgets it; sentToday answers', async () => {
    const { dir, files, invoke } = await rig();
    const target = files.registerTarget(path.join(dir, 'export.csv'));
    expect(await invoke('draft:save', request({ attachmentFileId: target.id }))).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await invoke('draft:save', request({ attachmentFileId: 'f_unknown123' }))).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await invoke('draft:save', request({ pacing: { ...DEFAULT_PACING, minDelaySec: -1 } }))).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: expect.stringContaining('pacing.minDelaySec') },
    });
    expect(await invoke('draft:save', request({ path: '/etc/passwd' }))).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await invoke('draft:get')).toEqual({ ok: true, value: null });

    await invoke('draft:save', request());
    expect(await invoke('draft:get')).toMatchObject({ ok: true, value: { template: 'Hi {{name}}' } });
    expect(await invoke('draft:discard')).toEqual({ ok: true, value: undefined });
    expect(await invoke('draft:get')).toEqual({ ok: true, value: null });
    expect(await invoke('draft:sentToday')).toEqual({ ok: true, value: { sentToday: 37 } });
  });

  it('a damaged draft file reaches the log, and the page gets no draft', async () => {
    const { dir, warned, invoke } = await rig();
    await writeFile(path.join(dir, 'draft.json'), 'not json');
    expect(await invoke('draft:get')).toEqual({ ok: true, value: null });
    expect(warned).toEqual([expect.stringMatching(/kept draft is damaged .*not valid JSON/)]);
  });
});
