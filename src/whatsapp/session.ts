import type { LogoutOutcome } from '../shared/contract/connection';
import { Listeners, type Unsubscribe } from '../shared/events';
import { AppFailure, errorMessage } from '../shared/result';
import { serial } from '../shared/serial';
import type { LogLine, WaStatus } from '../shared/status';
import type { AckEvent, WhatsAppPort } from './port';
import type { SessionFiles, WipeOutcome } from './session-files';

export type SessionLog = (level: LogLine['level'], source: string, message: string) => void;

export interface WhatsAppSessionOptions {
  /** A port, or a factory called once on first use (so nothing starts a browser before it is asked to). */
  port: WhatsAppPort | (() => WhatsAppPort);
  sessionFiles: SessionFiles;
  /** Where log lines go (e.g. Logger.log bound); the port's own lines are forwarded here too. */
  log?: SessionLog;
}

export type { LogoutOutcome };

const LIVE: ReadonlySet<WaStatus['kind']> = new Set(['qr', 'authenticated', 'ready']);

/**
 * What the app and the IPC handlers call for the connection: start, log out (unlink and verify the files are
 * gone), reset the browser's WhatsApp Web cache, quit. Keeps logout() and destroy() in the order the library needs (WHATSAPP.md #2).
 */
export class WhatsAppSession {
  private current: WhatsAppPort | null = null;
  private readonly makePort: () => WhatsAppPort;
  private readonly statusListeners = new Listeners<WaStatus>();
  private readonly ackListeners = new Listeners<AckEvent>();
  /** One connection operation at a time: a log out never overlaps a start. */
  private readonly serial = serial();

  constructor(private readonly options: WhatsAppSessionOptions) {
    const given = options.port;
    this.makePort = typeof given === 'function' ? given : () => given;
  }

  /** The port, created on first use; campaigns send through it. */
  get port(): WhatsAppPort {
    if (!this.current) {
      const port = this.makePort();
      port.onStatus((status) => this.statusListeners.emit(status));
      port.onAck((ack) => this.ackListeners.emit(ack));
      port.onLog((line) => this.options.log?.(line.level, line.source, line.message));
      this.current = port;
    }
    return this.current;
  }

  getStatus(): WaStatus {
    return this.current ? this.current.getStatus() : { kind: 'idle' };
  }
  onStatus(listener: (status: WaStatus) => void): Unsubscribe {
    return this.statusListeners.on(listener);
  }
  onAck(listener: (ack: AckEvent) => void): Unsubscribe {
    return this.ackListeners.on(listener);
  }

  /** Finishes a pending wipe first, makes the folders, then starts (or restarts after an error) the client. */
  connect(): Promise<void> {
    return this.serial(async () => {
      const pending = await this.options.sessionFiles.honourPendingWipe();
      if (pending) this.log(pending.wiped ? 'info' : 'error', `Pending wipe from an earlier log out: ${pending.message}`);
      try {
        await this.options.sessionFiles.ensureDirs();
      } catch (err) {
        throw new AppFailure('io', `Cannot create the WhatsApp session folder: ${errorMessage(err)}`);
      }
      await this.port.start();
    });
  }

  /**
   * Unlinks this computer and deletes every session file. logout() needs the live page, so it is tried only
   * while the client is live; otherwise (or if it fails) the browser is closed and the files are wiped here.
   */
  logout(): Promise<LogoutOutcome> {
    return this.serial(() => this.logoutNow());
  }

  /** Close, delete the browser's cached WhatsApp Web (stale after a WhatsApp update, WHATSAPP.md #7), start again; the login is kept. */
  resetCache(): Promise<void> {
    return this.serial(async () => {
      await this.port.destroy();
      const outcome = await this.options.sessionFiles.wipeBrowserCaches();
      this.log(outcome.wiped ? 'info' : 'error', `Reset cache: ${outcome.message}`);
      if (!outcome.wiped) throw new AppFailure('io', outcome.message);
    }).then(() => this.connect());
  }

  /** On app exit: keep the session (destroy) unless the operator chose to log out on exit. */
  quit(options: { logoutOnExit: boolean }): Promise<LogoutOutcome | null> {
    return this.serial(async () => {
      if (options.logoutOnExit) return this.logoutNow();
      if (this.current) await this.current.destroy();
      return null;
    });
  }

  private async logoutNow(): Promise<LogoutOutcome> {
    const port = this.port;
    const kind = port.getStatus().kind;
    if (LIVE.has(kind)) {
      try {
        await port.logout();
        this.log('info', 'Logged out of WhatsApp');
      } catch (err) {
        this.log('warn', `Log out inside WhatsApp failed (${errorMessage(err)}); closing the browser and deleting the files`);
        await this.safeDestroy(port);
      }
    } else {
      this.log('info', `Not connected (${kind}): closing the browser and deleting the session files`);
      await this.safeDestroy(port);
    }
    const outcome: WipeOutcome = await this.options.sessionFiles.wipe();
    this.log(outcome.wiped ? 'info' : 'error', outcome.message);
    return { wiped: outcome.wiped, pendingWipe: outcome.pendingWipe, message: outcome.message };
  }

  private async safeDestroy(port: WhatsAppPort): Promise<void> {
    try {
      await port.destroy();
    } catch (err) {
      this.log('warn', `Closing the browser failed: ${errorMessage(err)}`);
    }
  }

  private log(level: LogLine['level'], message: string): void {
    this.options.log?.(level, 'session', message);
  }
}
