import type { ComponentType } from 'react';
import type { MessageKey } from './i18n';
import { ConnectionScreen } from './features/connection/ConnectionScreen';
import { ContactsScreen } from './features/contacts/ContactsScreen';
import { HistoryScreen } from './features/history/HistoryScreen';
import { MessageScreen } from './features/message/MessageScreen';
import { SendScreen } from './features/send/SendScreen';
import type { ScreenProps } from './screen-props';

export type { ScreenKey } from './screen-props';

/** The sections of the app, in the order an operator works through them; `title` is the message key of its name. */
export const screens = {
  connection: { title: 'screens.connection', component: ConnectionScreen },
  contacts: { title: 'screens.contacts', component: ContactsScreen },
  message: { title: 'screens.message', component: MessageScreen },
  send: { title: 'screens.send', component: SendScreen },
  history: { title: 'screens.history', component: HistoryScreen },
} satisfies Record<string, { title: MessageKey; component: ComponentType<ScreenProps> }>;
