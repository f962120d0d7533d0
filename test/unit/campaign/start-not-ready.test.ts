/** campaign:start refuses a contact list whose country question is open; previews still work on it. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TemplateStore } from '../../../src/campaign/template-store';
import { createCampaignHandlers, type ImportedContacts } from '../../../src/ipc/handlers/campaign';
import { fastPacing, makeContacts, rigsClosedAfterEach } from './helpers';

const newRig = rigsClosedAfterEach();
const ctx = { sender: { url: 'file:///index.html', isMainFrame: true } } as never;

async function handlersFor(imported: ImportedContacts) {
  const r = await newRig();
  return createCampaignHandlers({
    service: r.service,
    templates: new TemplateStore(path.join(r.dir, 'state', 'templates.json'), r.clock),
    files: { resolve: () => ({ path: '', name: '' }) },
    currentContacts: () => imported,
  });
}

describe('campaign:start and the country question', () => {
  it('refuses to start while the numbers without a country code have no country, naming the file; previews still work', async () => {
    const notReady = 'uk.csv: 30 numbers have no country code. Choose the country they are from on the Contacts screen first.';
    const handlers = await handlersFor({ columns: ['Name'], contacts: makeContacts(2), notReady });
    await expect(handlers['campaign:start']({ template: 'Hi {{Name}}', pacing: fastPacing() }, ctx)).rejects.toMatchObject({
      code: 'not_ready',
      message: notReady,
    });
    expect(await handlers['campaign:preview']({ template: 'Hi {{Name}}', index: 0, draftId: 'draft_1234' }, ctx)).toMatchObject({
      text: 'Hi Person 0',
    });
  });

  it('starts once the country is chosen (notReady null)', async () => {
    const handlers = await handlersFor({ columns: ['Name'], contacts: makeContacts(2), notReady: null });
    const started = await handlers['campaign:start']({ template: 'Hi {{Name}}', pacing: fastPacing() }, ctx);
    expect(started).toMatchObject({ counts: { pending: 2, skipped: 0 } });
  });
});
