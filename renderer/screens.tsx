import type { ComponentType } from 'react';
import type { AppInfo } from '../src/shared/contract/connection';
import type { WaStatus } from '../src/shared/status';
import { ConnectionScreen } from './features/connection/ConnectionScreen';

export interface ScreenProps {
  status: WaStatus | null;
  info: AppInfo | null;
}

const Placeholder = ({ title }: { title: string }) => () => (
  <section className="screen">
    <h1>{title}</h1>
    <p className="muted">This section is not built yet.</p>
  </section>
);

/** The sections of the app, in the order an operator works through them. */
export const screens = {
  connection: { title: 'Connection', component: ConnectionScreen },
  contacts: { title: 'Contacts', component: Placeholder({ title: 'Contacts' }) },
  message: { title: 'Message', component: Placeholder({ title: 'Message' }) },
  send: { title: 'Send', component: Placeholder({ title: 'Send' }) },
  history: { title: 'History', component: Placeholder({ title: 'History' }) },
} satisfies Record<string, { title: string; component: ComponentType<ScreenProps> }>;

export type ScreenKey = keyof typeof screens;
