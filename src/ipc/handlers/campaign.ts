/**
 * Campaign channels. Payloads arrive already validated by the router (zod schemas in contract/campaign.ts);
 * failures are thrown as AppFailure and come back to the renderer as a Result.
 */
import { checkAttachment } from '../../campaign/attachment';
import { CampaignService } from '../../campaign/campaign-service';
import type { ContactRecord } from '../../campaign/contact-record';
import { exportCsv, exportXlsx } from '../../campaign/export';
import type { LeftOutRow } from '../../campaign/left-out';
import type { TemplateStore } from '../../campaign/template-store';
import type { FileDirection } from '../../platform/file-registry';
import { pacingDefaults } from '../../core/pacing';
import { checkTemplate } from '../../core/template';
import { compileMessage } from '../../campaign/test-send';
import type { campaignInvokes } from '../../shared/contract/campaign';
import { AppFailure, errorMessage } from '../../shared/result';
import type { HandlerMap } from '../router';
import type { CampaignActionChannel } from './campaign-actions';
import { pickContacts } from '../../campaign/contact-search';
import type { CampaignScheduler } from '../../campaign/schedule';

/** The contact list the operator imported last (owned by the contacts feature). */
export interface ImportedContacts {
  columns: readonly string[];
  contacts: readonly ContactRecord[];
  /** Why the list cannot be sent to yet (the country question is open), or null. */
  notReady?: string | null;
  leftOut?: readonly LeftOutRow[];
}

/** The list's columns, and the rows its import left out (kept with the campaign for its results export). */
const columnsAndLeftOut = (list: ImportedContacts) => ({ columns: list.columns, ...(list.leftOut ? { leftOut: list.leftOut } : {}) });

export interface CampaignHandlerDeps {
  service: CampaignService;
  templates: TemplateStore;
  /** A FileRef id to its path; refuses a reference made for the other direction (an export into an imported file). */
  files: { resolve(id: string, direction: FileDirection): { path: string; name: string } };
  /** null when nothing is imported. */
  currentContacts: () => ImportedContacts | null;
  /** Waits for scheduled starts (campaign/schedule.ts); without it a start time is refused. */
  scheduler?: Pick<CampaignScheduler, 'arm' | 'checked'>;
}

/** One campaign sends at a time; a scheduled one may be made meanwhile (it starts once the other ends). */
function refuseWhileSending(service: CampaignService, startAt: number | undefined): void {
  if (service.activeId && startAt === undefined) {
    throw new AppFailure('conflict', `Campaign ${service.activeId} is already sending; pause or stop it first.`);
  }
}

/** The checked start time for create(), when one was given. */
function startAtFor(deps: CampaignHandlerDeps, startAt: number | undefined): { startAt?: number } {
  if (startAt === undefined) return {};
  if (!deps.scheduler) throw new AppFailure('bad_request', 'Scheduled starts are not available here.');
  return { startAt: deps.scheduler.checked(startAt) };
}

/** The imported contacts; `toSend`: also refused while the list is not ready (its country question is open). */
const requireContacts = (deps: CampaignHandlerDeps, toSend = false): ImportedContacts => {
  const current = deps.currentContacts();
  if (!current || current.contacts.length === 0) {
    throw new AppFailure('not_ready', 'Import a contact list with at least one valid number first.', { key: 'errors.importContactsFirst' });
  }
  if (toSend && current.notReady) throw new AppFailure('not_ready', current.notReady);
  return current;
};

async function attachmentFor(deps: CampaignHandlerDeps, fileId: string | undefined) {
  if (!fileId) return null;
  const file = deps.files.resolve(fileId, 'read');
  return checkAttachment(file.path, file.name);
}

/** The channels made here; campaign-actions.ts and the delete handler make the others. */
type CampaignChannel = Exclude<keyof typeof campaignInvokes, CampaignActionChannel | 'campaign:delete'>;

export function createCampaignHandlers(deps: CampaignHandlerDeps): Pick<HandlerMap, CampaignChannel> {
  const { service } = deps;
  /** Two quick clicks on Start must not create two campaigns: creation is awaited before the runner exists. */
  let starting = false;
  return {
    'campaign:getPacingDefaults': () => pacingDefaults(),

    'campaign:checkTemplate': async ({ template, attachmentFileId }) => {
      const current = deps.currentContacts();
      const report = checkTemplate(template, current?.columns ?? [], current?.contacts ?? []);
      const warnings = CampaignService.attachmentWarnings(template, attachmentFileId !== undefined);
      if (!current) warnings.push('No contact list is imported yet: placeholders cannot be checked against its columns.');
      return { ...report, warnings };
    },

    'campaign:preview': async ({ template, index, draftId }) => {
      const current = requireContacts(deps);
      const contact = current.contacts[index];
      if (!contact) {
        throw new AppFailure('bad_request', `There is no contact ${index + 1}: the list has ${current.contacts.length}.`);
      }
      const compiled = compileMessage(template);
      // Same seed as the campaign started with this draftId: the preview is exactly what the contact will get.
      const rendered = compiled.render(contact, draftId ?? 'preview');
      return { row: contact.row, phone: contact.phone, text: rendered.text, emptyPlaceholders: rendered.emptyPlaceholders };
    },

    'campaign:checkAttachment': async ({ fileId }) => {
      const checked = await attachmentFor(deps, fileId);
      const a = checked!;
      return { fileId, name: a.name, size: a.size, mimeType: a.mimeType, kind: a.kind, maxSize: a.maxSize };
    },

    'campaign:listTemplates': () => deps.templates.list(),
    'campaign:saveTemplate': ({ name, text }) => deps.templates.save(name, text),
    'campaign:deleteTemplate': ({ name }) => deps.templates.remove(name),

    'campaign:start': async ({ name, template, attachmentFileId, pacing, draftId, contacts, startAt }) => {
      const current = requireContacts(deps, true);
      if (starting) throw new AppFailure('conflict', 'A campaign is being started already.', { key: 'errors.campaignStarting' });
      refuseWhileSending(service, startAt);
      starting = true;
      try {
        const attachment = await attachmentFor(deps, attachmentFileId);
        const campaign = await service.create({
          name,
          template,
          pacing,
          contacts: pickContacts(current.contacts, contacts),
          ...columnsAndLeftOut(current),
          attachment,
          spinSeed: draftId,
          ...startAtFor(deps, startAt),
        });
        await (startAt === undefined ? service.run(campaign.id) : deps.scheduler!.arm(campaign));
        return service.summaryOf(campaign);
      } finally {
        starting = false;
      }
    },

    'campaign:pause': async ({ id }) => {
      service.pause(id);
      return service.summaryOf(await service.get(id));
    },
    'campaign:resume': async ({ id }) => {
      await service.resume(id);
      return service.summaryOf(await service.get(id));
    },
    'campaign:stop': async ({ id }) => {
      await service.stop(id);
      return service.summaryOf(await service.get(id));
    },
    'campaign:list': () => service.list(),
    'campaign:get': async ({ id }) => service.summaryOf(await service.get(id)),
    'campaign:getLog': async ({ id }) => {
      await service.get(id); // an unknown id is not_found, not an empty log
      return service.logOf(id);
    },
    'campaign:getRows': async ({ id, offset, limit, status }) => (await service.get(id)).rows(offset, limit, status),

    'campaign:export': async ({ id, format, target }) => {
      const campaign = await service.get(id);
      const file = deps.files.resolve(target, 'write');
      try {
        const rows = format === 'csv' ? await exportCsv(campaign, file.path) : await exportXlsx(campaign, file.path);
        return { rows };
      } catch (err) {
        throw new AppFailure('io', `Could not write ${file.name}: ${errorMessage(err)}`);
      }
    },
  };
}
