import type { ComponentType } from 'react';
import { ConnectionScreen } from './features/connection/ConnectionScreen';
import { ContactsScreen } from './features/contacts/ContactsScreen';
import { HistoryScreen } from './features/history/HistoryScreen';
import { MessageScreen } from './features/message/MessageScreen';
import { SendScreen } from './features/send/SendScreen';
import type { ScreenProps } from './screen-props';

export type { ScreenKey } from './screen-props';

/** The sections of the app, in the order an operator works through them. */
export const screens = {
  connection: { title: 'Connection', component: ConnectionScreen },
  contacts: { title: 'Contacts', component: ContactsScreen },
  message: { title: 'Message', component: MessageScreen },
  send: { title: 'Send', component: SendScreen },
  history: { title: 'History', component: HistoryScreen },
} satisfies Record<string, { title: string; component: ComponentType<ScreenProps> }>;
