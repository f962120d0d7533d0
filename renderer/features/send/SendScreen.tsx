import type { ScreenProps } from '../../screens';

export function SendScreen(_props: ScreenProps) {
  return (
    <section className="screen">
      <h1>Send</h1>
      <p className="muted">This section is being built.</p>
    </section>
  );
}
