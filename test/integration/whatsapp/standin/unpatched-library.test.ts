/**
 * The adapter holds even where the project's patch is missing (WhatsApp changes under an installed copy before an
 * update reaches it): the real whatsapp-web.js 1.34.7 exactly as published, against the stand-in with July-2026
 * message keys, where `sendMessage` resolves undefined though the message went out. Every contact must still get
 * exactly one message, settled from the chat, never marked failed for a send that happened.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { noWaitPacing } from '../../../fakes/no-wait-pacing';
import { clientFactoryFor, type WwebjsLibrary } from '../../../../src/whatsapp/wwebjs-client';
import { campaignServiceOn, haveChromium, realWhatsAppRig, when, type RealWhatsAppRig } from '../../../standin/real-whatsapp-rig';

const repoRoot = path.resolve(__dirname, '../../../..');
/** Under the project's node_modules, so the copy finds puppeteer and the library's other dependencies. */
const unpatchedRoot = path.join(repoRoot, 'node_modules', '.cache', 'wwebjs-unpatched');

/** A copy of the installed library with the project's patch taken back out (patch-package's own reverse). */
function unpatchedLibrary(): { library: WwebjsLibrary; utilsSource: string } {
  fs.rmSync(unpatchedRoot, { recursive: true, force: true });
  fs.cpSync(path.join(repoRoot, 'node_modules', 'whatsapp-web.js'), path.join(unpatchedRoot, 'node_modules', 'whatsapp-web.js'), { recursive: true });
  const { applyPatch } = require('patch-package/dist/applyPatches') as {
    applyPatch(options: { patchFilePath: string; reverse: boolean; patchDir: string; cwd: string; bestEffort: boolean }): boolean;
  };
  const applied = applyPatch({
    patchFilePath: path.join(repoRoot, 'patches', 'whatsapp-web.js+1.34.7.patch'),
    reverse: true,
    patchDir: 'patches',
    cwd: unpatchedRoot,
    bestEffort: false,
  });
  if (!applied) throw new Error('Could not take the patch out of the copy of whatsapp-web.js');
  const main = path.join(unpatchedRoot, 'node_modules', 'whatsapp-web.js');
  const utilsSource = fs.readFileSync(path.join(main, 'src', 'util', 'Injected', 'Utils.js'), 'utf8');
  return { library: require(main) as WwebjsLibrary, utilsSource };
}

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

describe.skipIf(!haveChromium)('without the patch, on WhatsApp Web with July-2026 message keys', () => {
  let library: WwebjsLibrary;
  beforeAll(() => {
    const copy = unpatchedLibrary();
    // The copy really is the published library: the patch's reads of `$1` are gone.
    expect(copy.utilsSource).toContain('.Msg.get(newMsgKey._serialized)');
    expect(copy.utilsSource).not.toContain('msgKeyId');
    library = copy.library;
  });

  it('sends each contact exactly once, confirms every send from the chat, and never calls a delivered message failed', async () => {
    const rig: RealWhatsAppRig = await realWhatsAppRig('minified', { createClient: clientFactoryFor(library) });
    const service = campaignServiceOn(rig);
    cleanups.push(
      () => rig.close(),
      () => service.close(),
    );
    await rig.connect();
    const digits = Array.from({ length: 6 }, (_, i) => `3161234${String(9100 + i)}`);
    digits.forEach((d) => rig.standin.register(d));
    const pacing = noWaitPacing({ sendTimeoutSec: 30 });
    const campaign = await service.create({
      template: 'Hello {{Name}}',
      pacing,
      contacts: digits.map((d, i) => ({ phone: `+${d}`, fields: { Name: `P${i}` }, row: i + 2 })),
      columns: ['Name'],
    });
    await (
      await service.run(campaign.id)
    ).done;
    // The page hands a queued message to the server a moment after the library's send resolves.
    await when(
      (l) => {
        rig.standin.on('sent', l);
        return () => rig.standin.off('sent', l);
      },
      () => rig.standin.sentMessages().length >= 6,
      "the stand-in's server to hold 6 messages",
    );

    expect(service.summaryOf(campaign).counts).toMatchObject({ total: 6, sent: 6, failed: 0, pending: 0, unconfirmed: 0 });
    for (const d of digits) expect(rig.standin.chats.get(`${d}@c.us`)?.filter((m) => m.fromMe)).toHaveLength(1);
    // The library gave no ids; each one came from the chat, and it is WhatsApp's own id for that message.
    const journal = fs
      .readFileSync(path.join(campaign.dir, 'journal.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { t: string; i?: number; id?: string; via?: string });
    const sent = journal.filter((e) => e.t === 'sent');
    expect(sent.map((e) => e.via)).toEqual(digits.map(() => 'reconciled'));
    const serverIds = new Set(rig.standin.sentMessages().map((m) => `true_${m.chat}_${m.id}`));
    for (const e of sent) expect(serverIds.has(e.id!)).toBe(true);
  }, 120_000);
});
