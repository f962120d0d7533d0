import type { ScreenProps } from '../../screens';

export function HistoryScreen(_props: ScreenProps) {
  return (
    <section className="screen">
      <h1>History</h1>
      <p className="muted">This section is being built.</p>
    </section>
  );
}
