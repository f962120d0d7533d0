/**
 * Campaign channels beyond start/pause/resume/stop: change the pace of a paused or waiting campaign, send a test
 * message to the operator's own number, resend to a finished campaign's failed contacts, and search the imported
 * contacts to send to a selection. Payloads arrive validated by the router (contract/campaign.ts).
 */
import { checkAttachment } from '../../campaign/attachment';
import type { CampaignService } from '../../campaign/campaign-service';
import { findContacts, matchingIndices } from '../../campaign/contact-search';
import { sendTestMessage } from '../../campaign/test-send';
import type { CampaignScheduler } from '../../campaign/schedule';
import type { Clock } from '../../platform/clock';
import type { campaignInvokes } from '../../shared/contract/campaign';
import { AppFailure } from '../../shared/result';
import type { WhatsAppPort } from '../../whatsapp/port';
import type { HandlerMap } from '../router';
import type { ContactRecord } from '../../campaign/contact-record';
import type { FileDirection } from '../../platform/file-registry';

export const CAMPAIGN_ACTION_CHANNELS = [
  'campaign:editPacing',
  'campaign:testSend',
  'campaign:resendFailed',
  'campaign:startNow',
  'campaign:cancelSchedule',
  'campaign:findContacts',
  'campaign:matchContacts',
] as const satisfies ReadonlyArray<keyof typeof campaignInvokes>;
export type CampaignActionChannel = (typeof CAMPAIGN_ACTION_CHANNELS)[number];

/** As campaign.ts's CampaignHandlerDeps has them (not imported: that module imports this one). */
export interface CampaignActionDeps {
  files: { resolve(id: string, direction: FileDirection): { path: string; name: string } };
  /** The imported list; null when nothing is imported. */
  currentContacts: () => { contacts: readonly ContactRecord[] } | null;
  service: Pick<CampaignService, 'editPacing' | 'createResend' | 'run' | 'summaryOf' | 'activeId'>;
  port: WhatsAppPort;
  clock: Clock;
  scheduler: Pick<CampaignScheduler, 'startNow' | 'cancel'>;
}

export function createCampaignActionHandlers(deps: CampaignActionDeps): Pick<HandlerMap, CampaignActionChannel> {
  const contacts = () => deps.currentContacts()?.contacts ?? [];
  /** Two quick clicks on "Resend to failed" must not make two campaigns. */
  let resending = false;
  return {
    'campaign:editPacing': ({ id, pacing }) => deps.service.editPacing(id, pacing),
    'campaign:testSend': async ({ template, attachmentFileId, draftId }) => {
      const file = attachmentFileId ? deps.files.resolve(attachmentFileId, 'read') : null;
      const attachment = file ? await checkAttachment(file.path, file.name) : null;
      // The seed the campaign will start with: the test shows one of the very texts the contacts get.
      return sendTestMessage(deps.port, deps.clock, { template, contact: contacts()[0] ?? null, attachment, seed: draftId ?? 'preview' });
    },
    'campaign:resendFailed': async ({ id }) => {
      const { service } = deps;
      if (resending) throw new AppFailure('conflict', 'A resend is being started already.', { key: 'errors.resendStarting' });
      if (service.activeId) throw new AppFailure('conflict', `Campaign ${service.activeId} is already sending; pause or stop it first.`);
      resending = true;
      try {
        const campaign = await service.createResend(id);
        await service.run(campaign.id);
        return service.summaryOf(campaign);
      } finally {
        resending = false;
      }
    },
    'campaign:startNow': ({ id }) => deps.scheduler.startNow(id),
    'campaign:cancelSchedule': ({ id }) => deps.scheduler.cancel(id),
    'campaign:findContacts': ({ query, offset, limit }) => findContacts(contacts(), query, offset, limit),
    'campaign:matchContacts': ({ query }) => matchingIndices(contacts(), query),
  };
}
