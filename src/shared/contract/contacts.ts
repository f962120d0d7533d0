// Filled in by the contacts feature: channels, events and the Contacts api methods.
export const contactsInvokes = {} as const;
export const contactsEvents = {} as const;
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ContactsApi {}
