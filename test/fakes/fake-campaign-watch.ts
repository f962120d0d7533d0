import type { CampaignWatch } from '../../src/platform/update-service';
import { Listeners } from '../../src/shared/events';

/** Campaigns as the update service sees them: one may be sending; every change is announced. */
export class FakeCampaignWatch implements CampaignWatch {
  current: { name: string } | null = null;
  private readonly changes = new Listeners<void>();
  sending = () => this.current;
  onChange = (listener: () => void) => this.changes.on(listener);

  /** A campaign starts or keeps sending ({ name }), or pauses, stops or finishes (null). */
  set(sending: { name: string } | null): void {
    this.current = sending;
    this.changes.emit();
  }

  get listeners(): number {
    return this.changes.size;
  }
}
