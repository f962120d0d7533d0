import { Listeners, type Unsubscribe } from '../shared/events';
import type { LogLine, WaStatus } from '../shared/status';
import type { AckEvent, IncomingMessage } from './port';

/** The listener plumbing both adapters share: current status, status/log/ack listeners. */
export class PortEvents {
  private status: WaStatus = { kind: 'idle' };
  private readonly statusListeners = new Listeners<WaStatus>();
  private readonly logListeners = new Listeners<Omit<LogLine, 'at'>>();
  private readonly ackListeners = new Listeners<AckEvent>();
  private readonly messageListeners = new Listeners<IncomingMessage>();

  constructor(private readonly source: string) {}

  get current(): WaStatus {
    return this.status;
  }

  setStatus(status: WaStatus): void {
    this.status = status;
    this.statusListeners.emit(status);
  }

  log(level: LogLine['level'], message: string): void {
    this.logListeners.emit({ level, source: this.source, message });
  }

  ack(event: AckEvent): void {
    this.ackListeners.emit(event);
  }

  /** A contact wrote to this account. */
  message(message: IncomingMessage): void {
    this.messageListeners.emit(message);
  }

  onStatus(listener: (status: WaStatus) => void): Unsubscribe {
    return this.statusListeners.on(listener);
  }
  onMessage(listener: (message: IncomingMessage) => void): Unsubscribe {
    return this.messageListeners.on(listener);
  }
  onLog(listener: (line: Omit<LogLine, 'at'>) => void): Unsubscribe {
    return this.logListeners.on(listener);
  }
  onAck(listener: (ack: AckEvent) => void): Unsubscribe {
    return this.ackListeners.on(listener);
  }
}

/** Base of both adapters: the status, log, ack and incoming-message side of WhatsAppPort, served from one PortEvents. */
export abstract class PortWithEvents {
  protected readonly events: PortEvents;

  constructor(source: string) {
    this.events = new PortEvents(source);
  }

  getStatus(): WaStatus {
    return this.events.current;
  }
  onStatus(listener: (status: WaStatus) => void): Unsubscribe {
    return this.events.onStatus(listener);
  }
  onLog(listener: (line: Omit<LogLine, 'at'>) => void): Unsubscribe {
    return this.events.onLog(listener);
  }
  onAck(listener: (ack: AckEvent) => void): Unsubscribe {
    return this.events.onAck(listener);
  }
  onMessage(listener: (message: IncomingMessage) => void): Unsubscribe {
    return this.events.onMessage(listener);
  }
}
