/**
 * One campaign on disk and in memory: its description, contacts, journal and the state replayed from it.
 * Every state change goes through `record`, which makes it durable before anyone sees it.
 */
import path from 'node:path';
import { CampaignStateModel, type JournalEntry } from '../core/campaign-state';
import { CompiledTemplate, type RenderedMessage } from '../core/template';
import { Listeners } from '../shared/events';
import type { CampaignState, ContactResult, ContactStatus, ContactUpdate } from '../shared/contract/campaign';
import { campaignPaths, readContacts, readMeta, writeCampaign, type CampaignMeta, type NewCampaignFiles } from './campaign-files';
import type { ContactRecord } from './contact-record';
import { scheduledReason } from './schedule-text';
import { JournalCorruptError, JournalWriter, readJournal, type JournalFs, type JournalReadResult } from './journal';

export interface StoredState {
  state: CampaignState;
  reason: string | null;
  resumable: boolean;
}

export interface CampaignOpenOptions {
  /** The journal's file system (tests pass one whose writes fail). */
  fs?: JournalFs;
}

/**
 * A torn last line whose contact cannot be told (cut inside its index) in a format-1 journal makes every pending
 * contact whose index begins with the digits written a candidate; beyond this many, loading stops instead.
 */
const MAX_TORN_CANDIDATES = 50;

export class Campaign {
  readonly updates = new Listeners<ContactUpdate>();
  /** True when loading found a torn last journal line that held no send (a crash mid-append); it was cut off. */
  tornTailRecovered = false;
  /** What loading had to repair, in the operator's words (a torn "about to send" line that is checked in the chat). */
  readonly loadNotes: string[] = [];

  private constructor(
    readonly dir: string,
    readonly meta: CampaignMeta,
    readonly contacts: readonly ContactRecord[],
    readonly model: CampaignStateModel,
    readonly template: CompiledTemplate,
    /** null when loaded read-only (a report next to a process that may be writing). */
    private journal: JournalWriter | null,
    private readonly fs: JournalFs | undefined,
  ) {}

  get id(): string {
    return this.meta.id;
  }

  static async create(dir: string, input: NewCampaignFiles, options: CampaignOpenOptions = {}): Promise<Campaign> {
    const template = CompiledTemplate.compile(input.meta.template);
    const meta = await writeCampaign(dir, input);
    const journal = await JournalWriter.open(campaignPaths(dir).journal, { fs: options.fs, goodLength: 0, version: 1 });
    const model = new CampaignStateModel(meta.total);
    const campaign = new Campaign(dir, meta, input.contacts, model, template, journal, options.fs);
    // The same number twice gets one message: later copies are skipped up front, unless the operator kept them.
    const seen = new Set<string>();
    for (let i = 0; i < input.contacts.length; i++) {
      const { phone, keptDuplicate } = input.contacts[i]!;
      if (seen.has(phone) && !keptDuplicate) await campaign.record({ t: 'skipped', i, reason: 'duplicate', at: meta.createdAt });
      seen.add(phone);
    }
    return campaign;
  }

  /**
   * Loads a campaign folder; null when it has no campaign.json (an unfinished creation). Read-only loading never
   * touches the files (a torn tail is skipped, not cut), so it is safe while another process sends.
   * A torn last "about to send" line is never just dropped: it becomes a whole one, so that contact is checked in
   * its chat before anything is sent.
   */
  static async load(dir: string, options: CampaignOpenOptions & { readOnly?: boolean } = {}): Promise<Campaign | null> {
    const meta = await readMeta(dir);
    if (!meta) return null;
    const contacts = await readContacts(dir, meta.total);
    const paths = campaignPaths(dir);
    const read = await readJournal(paths.journal, { total: meta.total });
    const model = new CampaignStateModel(meta.total);
    for (const entry of read.entries) model.apply(entry);
    const recovered = recoverTornSending(read, model, paths.journal);
    const journal = options.readOnly
      ? null
      : await JournalWriter.open(paths.journal, {
          fs: options.fs,
          goodLength: read.goodLength,
          version: read.version,
          replaceTail: recovered.entries,
        });
    for (const entry of recovered.entries) model.apply(entry);
    const campaign = new Campaign(dir, meta, contacts, model, CompiledTemplate.compile(meta.template), journal, options.fs);
    campaign.tornTailRecovered = read.tornTail !== null && recovered.note === null;
    if (recovered.note) campaign.loadNotes.push(recovered.note);
    return campaign;
  }

  /**
   * After a failed write (a full disk): opens the journal again, as loading would, so a resume can go on once the
   * disk has room. The model already holds every entry that reached the disk; the failed append's partial line,
   * if it could not be cut, is handled as a torn tail.
   */
  async reopenJournal(): Promise<void> {
    if (!this.journal?.failed) return;
    await this.journal.close().catch(() => undefined);
    const file = campaignPaths(this.dir).journal;
    const read = await readJournal(file, { total: this.meta.total });
    const recovered = recoverTornSending(read, this.model, file);
    this.journal = await JournalWriter.open(file, {
      fs: this.fs,
      goodLength: read.goodLength,
      version: read.version,
      replaceTail: recovered.entries,
    });
    for (const entry of recovered.entries) this.model.apply(entry);
    if (recovered.note) this.loadNotes.push(recovered.note);
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
    // Never started: scheduled (schedule.ts), or cut off before its first step.
    if (!last && work && this.meta.startAt !== undefined) return { state: 'waiting', reason: scheduledReason(this.meta.startAt), resumable: true };
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

/**
 * Whole "about to send" entries for a torn last line that was (or may have been) one, with a note saying so; the
 * message may have gone out, so these contacts are reconciled against their chats (README, rule 5). A format-2
 * journal's torn line whose contact cannot be told is cut: this version sends only after a whole line is on disk,
 * so nothing was sent after it.
 */
function recoverTornSending(read: JournalReadResult, model: CampaignStateModel, file: string): { entries: JournalEntry[]; note: string | null } {
  const torn = read.tornSending;
  if (!torn) return { entries: [], note: null };
  const open = (i: number) => model.isPending(i) || model.isUnconfirmed(i);
  let candidates: number[] = [];
  if (torn.complete) {
    const i = Number(torn.digits);
    if (i < model.total && open(i)) candidates = [i];
  } else if (read.version === 2) {
    return {
      entries: [],
      note: `The journal ended in a half-written line (line ${torn.line}); it never reached the disk whole, so nothing was sent after it. It was cut off.`,
    };
  } else {
    for (let i = 0; i < model.total; i++) if (open(i) && String(i).startsWith(torn.digits)) candidates.push(i);
    if (candidates.length > MAX_TORN_CANDIDATES) {
      throw new JournalCorruptError(
        file,
        torn.line,
        `the last line is a cut-off "about to send" entry, and ${candidates.length} contacts could be the one it was about; check the chats, then remove that line`,
      );
    }
  }
  if (candidates.length === 0) return { entries: [], note: null };
  // Its time, if it was written; otherwise the last whole entry's, which came before it (the search for the message
  // in the chat starts there); 0 (unknown: the text alone decides) for a journal without one.
  const fallbackAt = torn.at ?? read.entries.at(-1)?.at ?? 0;
  const entries: JournalEntry[] = candidates.map((i) => {
    const known = model.contact(i);
    const since = model.sendingSince(i);
    const at = Math.min(fallbackAt, since ?? Number.POSITIVE_INFINITY);
    const chat = (torn.complete ? torn.chat : null) ?? known.chatId ?? '';
    return { t: 'sending', i, chat, at };
  });
  const who = candidates.map((i) => i + 1).join(', ');
  return {
    entries,
    note: `The journal ended in a half-written "about to send" line (line ${torn.line}) for contact ${who}: that message may have gone out, so it is looked for in the chat before anything is sent.`,
  };
}
