/**
 * A journal write that fails where no caller is waiting (a receipt, a send that completed after its timeout) is
 * logged, never dropped in silence.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Campaign } from '../../../src/campaign/campaign';
import { JournalWriteError, nodeJournalFs, type JournalFile, type JournalFs } from '../../../src/campaign/journal';
import { ReceiptTracker } from '../../../src/campaign/receipts';
import { chatOf, fastPacing, makeContacts, tmpDir, until, wwebjsRigsClosedAfterEach } from './helpers';

/** The real file system until `full` is set: then every journal write fails with ENOSPC. */
class FillableDisk implements JournalFs {
  full = false;

  async open(file: string): Promise<JournalFile> {
    const real = await nodeJournalFs.open(file);
    return {
      write: async (buffer, offset, length, position) => {
        if (this.full) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
        return real.write(buffer, offset, length, position);
      },
      datasync: () => real.datasync(),
      truncate: (length) => real.truncate(length),
      stat: () => real.stat(),
      close: () => real.close(),
    };
  }
}

const newRig = wwebjsRigsClosedAfterEach();

describe('journal writes that fail in the background', () => {
  it('a receipt that cannot be journalled is reported, naming the contact and the campaign', async () => {
    const disk = new FillableDisk();
    const contacts = makeContacts(1);
    const campaign = await Campaign.create(
      path.join(await tmpDir(), 'c_1'),
      {
        meta: { id: 'c_1', name: 'n', createdAt: 1, template: 'x', pacing: fastPacing(), attachment: null, columns: [] },
        contacts,
        attachmentSource: null,
      },
      { fs: disk },
    );
    await campaign.record({ t: 'sending', i: 0, chat: chatOf(contacts[0]!.phone), at: 2 });
    await campaign.record({ t: 'sent', i: 0, id: 'M0', at: 3 });
    const reports: Array<{ error: unknown; context: string }> = [];
    const tracker = new ReceiptTracker({ onAck: () => () => undefined }, (error, context) => reports.push({ error, context }));
    tracker.track(campaign);

    disk.full = true;
    expect(await tracker.handle({ messageId: 'M0', ack: 2, at: 4 })).toBe(false);

    expect(reports).toHaveLength(1);
    expect(reports[0]!.context).toBe('The receipt for contact 1 of campaign c_1 could not be written to its journal');
    expect(reports[0]!.error).toBeInstanceOf(JournalWriteError);
    expect(campaign.row(0).status).toBe('sent');
    tracker.close();
    await campaign.close();
  });

  it('a send that completes after its timeout, when its "sent" cannot be journalled, is logged as an error', async () => {
    const disk = new FillableDisk();
    const contacts = makeContacts(1);
    const r = await newRig(contacts, (c) => (c.holdNext = 1), disk);
    const campaign = await r.service.create({ template: 'x', pacing: fastPacing({ sendTimeoutSec: 5 }), contacts, columns: [] });
    r.clock.autoAdvance(2, 5_000);
    await (
      await r.service.run(campaign.id)
    ).done;
    expect(campaign.row(0).status).toBe('failed');

    r.clock.stopAuto();
    disk.full = true;
    r.client.releaseSend();
    const logged = () => r.service.logOf(campaign.id).find((l) => l.message.includes('the journal could not record it'));
    await until(() => logged() !== undefined, 'the failed late write logged');
    expect(logged()).toMatchObject({ level: 'error' });
    expect(logged()!.message).toMatch(
      /^Contact 1 \(row 2\): the send that timed out went through after all \(message true_\S+\), but the journal could not record it \(The disk is full/,
    );
    expect(campaign.row(0).status).toBe('failed');
  });
});
