import { Listeners, type Unsubscribe } from '../shared/events';
import type { LogLine } from '../shared/status';
import type { Clock } from './clock';

/** Keeps the recent log lines in memory (for a window opened later) and tells listeners about new ones. */
export class Logger {
  private readonly lines: LogLine[] = [];
  private readonly listeners = new Listeners<LogLine>();

  constructor(
    private readonly clock: Clock,
    private readonly capacity = 2000,
  ) {}

  log(level: LogLine['level'], source: string, message: string): void {
    const line: LogLine = { at: this.clock.now(), level, source, message };
    this.lines.push(line);
    if (this.lines.length > this.capacity) this.lines.splice(0, this.lines.length - this.capacity);
    this.listeners.emit(line);
  }

  info(source: string, message: string): void {
    this.log('info', source, message);
  }
  warn(source: string, message: string): void {
    this.log('warn', source, message);
  }
  error(source: string, message: string): void {
    this.log('error', source, message);
  }

  recent(): LogLine[] {
    return [...this.lines];
  }

  onLine(listener: (line: LogLine) => void): Unsubscribe {
    return this.listeners.on(listener);
  }
}
