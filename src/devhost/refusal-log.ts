/**
 * Says refusals without letting a caller flood the log: a tab left open after the host restarted retries with an
 * old secret every few seconds, and a local process could knock as fast as it likes. The first few in a window
 * are said in full; the rest are counted and the count is said with the next line that gets through.
 */
export class RefusalLog {
  private windowStart = -Infinity;
  private said = 0;
  private held = 0;

  constructor(
    private readonly write: (message: string) => void,
    private readonly now: () => number = Date.now,
    private readonly perWindow = 10,
    private readonly windowMs = 60_000,
  ) {}

  refused(message: string): void {
    const now = this.now();
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.said = 0;
    }
    if (this.said >= this.perWindow) {
      this.held++;
      return;
    }
    this.said++;
    const more = this.held > 0 ? ` (${this.held} more refused before this were not logged)` : '';
    this.held = 0;
    this.write(`${message}${more}`);
  }
}
