/**
 * A send the runner's timeout gave up on (whatsapp-web.js #5810) may still complete: then the journal is told the
 * truth, "sent" via 'late', and the log says so.
 */
import { errorMessage } from '../shared/result';
import type { CampaignLogLine } from '../shared/contract/campaign';
import { TimeoutError } from '../platform/timeout';
import type { SentMessage, WhatsAppPort } from '../whatsapp/port';
import type { Campaign } from './campaign';
import { findSentMessage, messageOfAnother } from './reconcile';

type Say = (level: CampaignLogLine['level'], message: string) => void;

export interface LateSend {
  index: number;
  timedOut: SendTimedOut;
  body: string;
  sendingAt: number;
}

/** The runner's send timeout fired; the send itself may still complete (#5810) and is watched for that. */
export class SendTimedOut extends TimeoutError {
  constructor(
    readonly send: Promise<SentMessage>,
    readonly chatId: string,
    ms: number,
  ) {
    super('The send', ms);
  }
}

/**
 * A send the timeout gave up on may still complete (#5810): then the journal gets the truth, sent via 'late'.
 * Called once the failure is journalled, so the late entry always follows it and is never overwritten by it.
 */
export function recordLateSend(campaign: Campaign, port: WhatsAppPort, say: Say, late: LateSend): void {
  const { index, timedOut, body, sendingAt } = late;
  const contact = `Contact ${index + 1} (row ${campaign.contacts[index]!.row})`;
  timedOut.send
    .then(async (done) => {
      if (campaign.closed || campaign.model.statusOf(index) !== 'failed') return;
      // No id (WHATSAPP.md #12): the chat tells which message it was.
      const id = done.id ?? (await findSentMessage(port, timedOut.chatId, body, sendingAt, messageOfAnother(campaign, index)))?.id;
      if (campaign.closed) return;
      if (id === undefined) {
        say('warn', `${contact}: the send that timed out finished later, but the message was not found in the chat; left failed.`);
        return;
      }
      try {
        await campaign.record({ t: 'sent', i: index, id, at: done.at, via: 'late' });
      } catch (err) {
        // Said even after the campaign closed: the message went out, and the journal still says failed.
        say(
          'error',
          `${contact}: the send that timed out went through after all (message ${id}), but the journal could not record it (${errorMessage(err)}); it stays "failed" there although the message was sent.`,
        );
        return;
      }
      say('info', `${contact}: the send that timed out went through after all; marked sent.`);
    })
    // The send failed after all (nothing to record), or the chat could not be read: it stays failed.
    .catch((err: unknown) => {
      if (!campaign.closed) say('warn', `${contact}: the send that timed out ended with: ${errorMessage(err)}; left failed.`);
    });
}
