import type { ScreenProps } from '../../screens';

export function ContactsScreen(_props: ScreenProps) {
  return (
    <section className="screen">
      <h1>Contacts</h1>
      <p className="muted">This section is being built.</p>
    </section>
  );
}
