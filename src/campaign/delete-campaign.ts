/**
 * Deleting a campaign from History: what is refused and why, in the operator's words. The deletion itself is
 * CampaignService.delete (it owns the open journals) over platform/delete-local-data.ts (retries, next-start marker).
 */
import type { CampaignSummary } from '../shared/contract/campaign';

/** Why a campaign a runner still drives cannot be deleted. */
export function deleteRefusal(summary: Pick<CampaignSummary, 'name' | 'state'>): string {
  const doing = summary.state === 'paused' ? 'is paused in the middle of sending' : 'is sending';
  return `Campaign "${summary.name}" ${doing}. Stop it first, then delete it.`;
}
