// Filled in by the campaign feature: channels, events and the Campaign api methods.
export const campaignInvokes = {} as const;
export const campaignEvents = {} as const;
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CampaignApi {}
