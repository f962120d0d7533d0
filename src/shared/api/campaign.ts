import type { Transport } from '../contract';
import type { CampaignApi } from '../contract/campaign';

// Filled in by the campaign feature.
export const createCampaignApi = (_t: Transport) => ({}) satisfies CampaignApi;
