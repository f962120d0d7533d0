/**
 * campaign:delete (History's Delete). In a file of its own: createCampaignHandlers is over the size ceiling.
 */
import type { CampaignService } from '../../campaign/campaign-service';
import type { HandlerMap } from '../router';

export function createCampaignDeleteHandlers(service: Pick<CampaignService, 'delete'>): Pick<HandlerMap, 'campaign:delete'> {
  return {
    'campaign:delete': async ({ id }) => {
      const outcome = await service.delete(id);
      return { deleted: outcome.deleted, pending: outcome.pending, message: outcome.message };
    },
  };
}
