import type { Transport } from '../contract';
import type { ContactsApi } from '../contract/contacts';

// Filled in by the contacts feature.
export const createContactsApi = (_t: Transport) => ({}) satisfies ContactsApi;
