import type { ScreenProps } from '../../screens';

export function MessageScreen(_props: ScreenProps) {
  return (
    <section className="screen">
      <h1>Message</h1>
      <p className="muted">This section is being built.</p>
    </section>
  );
}
