/**
 * What closing the main window does while a campaign is sending: ask whether to keep sending in the background
 * (the window hides to the tray) or pause and close; Cancel keeps the window. With nothing sending, or while the
 * app quits (its shutdown pauses cleanly), the window closes as it always did. Plain Node: the window, the
 * question and the tray come in as functions, so the decision is unit-tested without Electron.
 */
import type { CampaignSummary } from '../shared/contract/campaign';
import type { CampaignActivity } from './campaign-activity';

export type CloseChoice = 'background' | 'pause' | 'cancel';

/** Journalled as the campaign's pause reason, and shown in History. */
export const PAUSED_ON_CLOSE = 'Paused because the window was closed.';

export interface CloseGuardDeps {
  campaigns: Pick<CampaignActivity, 'sending' | 'pauseSending'>;
  /** Asks the operator (a native dialog); any failure counts as Cancel. */
  ask(campaign: CampaignSummary): Promise<CloseChoice>;
  /** Hides the window and shows the tray icon. */
  toBackground(): void;
  /** Closes the window for real (its close event comes back here and is let through). */
  close(): void;
  log(message: string): void;
}

export class CloseGuard {
  private quitting = false;
  private approved = false;
  private asking = false;

  constructor(private readonly deps: CloseGuardDeps) {}

  /** The app is quitting (before-quit): windows close without asking; shutdown pauses what is sending. */
  quit(): void {
    this.quitting = true;
  }

  /**
   * The window's `close` event. Prevents it while asking; the answer then hides, pauses and closes, or does
   * nothing. Returns what it did, for the log and the tests.
   */
  onClose(event: { preventDefault(): void }): 'closed' | 'asking' {
    if (this.quitting || this.approved) return 'closed';
    const sending = this.deps.campaigns.sending();
    if (!sending) return 'closed';
    event.preventDefault();
    // A second click on the close button while the dialog is up asks nothing more.
    if (!this.asking) void this.askAndAct(sending);
    return 'asking';
  }

  private async askAndAct(sending: CampaignSummary): Promise<void> {
    this.asking = true;
    let choice: CloseChoice;
    try {
      choice = await this.deps.ask(sending);
    } catch (err) {
      this.deps.log(`The close question could not be shown (${String(err)}); the window stays open.`);
      choice = 'cancel';
    } finally {
      this.asking = false;
    }
    // The app may have started quitting while the question was up: its shutdown does the rest.
    if (this.quitting) return;
    if (choice === 'background') {
      this.deps.log(`Window hidden; campaign ${sending.id} goes on sending in the background.`);
      this.deps.toBackground();
    } else if (choice === 'pause') {
      // It may have finished meanwhile: then there is nothing to pause and the window simply closes.
      if (this.deps.campaigns.pauseSending(PAUSED_ON_CLOSE)) this.deps.log(`Campaign ${sending.id} paused; closing the window.`);
      this.approved = true;
      this.deps.close();
    }
  }
}
