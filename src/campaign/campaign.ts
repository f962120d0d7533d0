/**
 * One campaign on disk and in memory: its description, contacts, journal and the state replayed from it.
 * Every state change goes through `record`, which makes it durable before anyone sees it.
 */
import path from 'node:path';
import { CampaignStateModel, type JournalEntry } from '../core/campaign-state';
import { CompiledTemplate, type RenderedMessage } from '../core/template';
import { Listeners } from '../shared/events';
import type { CampaignState, ContactResult, ContactStatus, ContactUpdate } from '../shared/contract/campaign';
import {
  campaignPaths,
  readContacts,
  readMeta,
  writeCampaign,
  type CampaignMeta,
  type NewCampaignFiles,
} from './campaign-files';
import type { ContactRecord } from './contact-record';
import { JournalWriter, readJournal } from './journal';

export interface StoredState {
  state: CampaignState;
  reason: string | null;
  resumable: boolean;
}

export class Campaign {
  readonly updates = new Listeners<ContactUpdate>();
  /** True when loading found a torn last journal line (a crash mid-append); it was cut off. */
  tornTailRecovered = false;

  private constructor(
    readonly dir: string,
    readonly meta: CampaignMeta,
    readonly contacts: readonly ContactRecord[],
    readonly model: CampaignStateModel,
    readonly template: CompiledTemplate,
    /** null when loaded read-only (a report next to a process that may be writing). */
    private readonly journal: JournalWriter | null,
  ) {}

  get id(): string {
    return this.meta.id;
  }

  static async create(dir: string, input: NewCampaignFiles): Promise<Campaign> {
    const template = CompiledTemplate.compile(input.meta.template);
    const meta = await writeCampaign(dir, input);
    const journal = await JournalWriter.open(campaignPaths(dir).journal);
    const campaign = new Campaign(dir, meta, input.contacts, new CampaignStateModel(meta.total), template, journal);
    // The same number twice gets one message: later copies are skipped up front.
    const seen = new Set<string>();
    for (let i = 0; i < input.contacts.length; i++) {
      const phone = input.contacts[i]!.phone;
      if (seen.has(phone)) await campaign.record({ t: 'skipped', i, reason: 'duplicate', at: meta.createdAt });
      seen.add(phone);
    }
    return campaign;
  }

  /**
   * Loads a campaign folder; null when it has no campaign.json (an unfinished creation). Read-only loading never
   * touches the files (a torn tail is skipped, not cut), so it is safe while another process sends.
   */
  static async load(dir: string, options: { readOnly?: boolean } = {}): Promise<Campaign | null> {
    const meta = await readMeta(dir);
    if (!meta) return null;
    const contacts = await readContacts(dir, meta.total);
    const paths = campaignPaths(dir);
    const read = await readJournal(paths.journal);
    const model = new CampaignStateModel(meta.total);
    for (const entry of read.entries) model.apply(entry);
    const journal = options.readOnly ? null : await JournalWriter.open(paths.journal, read.goodLength);
    const campaign = new Campaign(dir, meta, contacts, model, CompiledTemplate.compile(meta.template), journal);
    campaign.tornTailRecovered = read.tornTail !== null;
    return campaign;
  }

  /** Appends the entry durably, then applies it and tells listeners. */
  async record(entry: JournalEntry): Promise<void> {
    if (!this.journal) throw new Error(`Campaign ${this.id} was opened read-only`);
    await this.journal.append(entry);
    this.model.apply(entry);
    if (entry.t !== 'campaign') {
      const c = this.model.contact(entry.i);
      this.updates.emit({
        campaignId: this.id,
        index: entry.i,
        status: c.status,
        reason: c.reason,
        messageId: c.messageId,
        at: entry.at,
      });
    }
  }

  get closed(): boolean {
    return !this.journal || this.journal.isClosed;
  }

  render(index: number): RenderedMessage {
    const contact = this.contacts[index]!;
    return this.template.render(contact, this.meta.spinSeed ?? this.id);
  }

  attachmentPath(): string | null {
    return this.meta.attachment ? path.join(campaignPaths(this.dir).attachmentDir, this.meta.attachment.file) : null;
  }

  /** The state as the journal left it, for a campaign no runner is driving. */
  storedState(): StoredState {
    const last = this.model.lastCampaignEntry;
    const counts = this.model.counts();
    const work = counts.pending + counts.unconfirmed > 0;
    if (!last) return { state: work ? 'interrupted' : 'finished', reason: null, resumable: work };
    switch (last.state) {
      case 'finished':
        return { state: 'finished', reason: last.reason ?? null, resumable: work };
      case 'stopped':
        return { state: 'stopped', reason: last.reason ?? null, resumable: work && last.final !== true };
      case 'paused':
        return { state: 'paused', reason: last.reason ?? null, resumable: work };
      default:
        return {
          state: 'interrupted',
          reason:
            'The app closed unexpectedly while this campaign was sending. Resume sends to the contacts left; a message that may already have gone out is checked in the chat first, so nobody gets it twice.',
          resumable: work,
        };
    }
  }

  row(index: number): ContactResult {
    const contact = this.contacts[index]!;
    const c = this.model.contact(index);
    return {
      index,
      row: contact.row,
      phone: contact.phone,
      fields: contact.fields,
      status: c.status,
      reason: c.reason,
      messageId: c.messageId,
      sentAt: c.sentAt,
      deliveredAt: c.deliveredAt,
      readAt: c.readAt,
    };
  }

  rows(offset: number, limit: number, statuses?: readonly ContactStatus[]): { total: number; rows: ContactResult[] } {
    if (!statuses || statuses.length === 0) {
      const rows: ContactResult[] = [];
      for (let i = offset; i < Math.min(this.meta.total, offset + limit); i++) rows.push(this.row(i));
      return { total: this.meta.total, rows };
    }
    const wanted = new Set(statuses);
    const rows: ContactResult[] = [];
    let total = 0;
    for (let i = 0; i < this.meta.total; i++) {
      if (!wanted.has(this.model.statusOf(i))) continue;
      if (total >= offset && rows.length < limit) rows.push(this.row(i));
      total += 1;
    }
    return { total, rows };
  }

  async close(): Promise<void> {
    await this.journal?.close();
  }
}
