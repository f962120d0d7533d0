import type { AppPaths } from '../platform/app-paths';
import type { Clock } from '../platform/clock';
import { TimeoutError, withTimeout } from '../platform/timeout';
import { AppFailure } from '../shared/result';
import { serial } from '../shared/serial';
import type { WaStatus } from '../shared/status';
import { findBrowser, type BrowserSearchEnv } from './browser';
import { readIncoming, type LidLookupClient, type WwebjsIncomingLike } from './incoming';
import { systemBrowserSearchEnv } from './browser-search-env';
import { messageIdOf } from './message-id';
import { isAckLevel, type ChatMessage, type MediaFile, type SentMessage, type WhatsAppPort } from './port';
import { qrToDataUrl } from './qr-image';
import { isDigitsOnly, maskNumber } from './redact';
import { describeDisconnect, describeLostConnection, describeThrown, loadTimeoutStatus, startErrorStatus } from './start-errors';
import { PortWithEvents } from './status-store';
import {
  createWwebjsClient,
  defaultBrowserArgs,
  loadMessageMedia,
  type WwebjsClientFactory,
  type WwebjsClientLike,
  type WwebjsMessageLike,
} from './wwebjs-client';

export interface WwebjsWhatsAppOptions {
  paths: Pick<AppPaths, 'sessionDir'>;
  clock: Clock;
  /** The operator's browser setting, read at each start (empty or null: find one). */
  browserPath?: () => string | null | undefined;
  browserSearch?: BrowserSearchEnv;
  browserArgs?: string[];
  createClient?: WwebjsClientFactory;
  loadMedia?: (file: MediaFile) => unknown;
  /**
   * From start until `ready`, not counting the time a QR code waits for the phone (WHATSAPP.md #8: ready
   * sometimes never fires; #14: `authenticated` comes only after the sync, so it cannot start this timer).
   */
  startTimeoutMs?: number;
  logoutTimeoutMs?: number;
  destroyTimeoutMs?: number;
  /**
   * How long closing waits for sends in flight (#1529). Sends themselves have no timeout here: the campaign
   * runner owns it (pacing's sendTimeoutSec) and records a send that completes after it.
   */
  drainTimeoutMs?: number;
  /** LocalAuth's own rm retries; SessionFiles retries with delays on top (WHATSAPP.md #1). */
  rmMaxRetries?: number;
}

/** One client from creation to close; events from an older run are ignored. */
interface Run {
  client: WwebjsClientLike;
  browserPath: string;
  /** Aborts this run's timers. */
  timers: AbortController;
  /** The start-to-ready watchdog; null while a QR waits for the phone, and once ready. */
  watchdog: AbortController | null;
  /** Known once ready; a socket that comes back returns to ready with it. */
  account: { number: string; name: string } | null;
  /** The socket left CONNECTED while ready: the client is alive and WhatsApp Web reconnects by itself. */
  socketDown: boolean;
  qrSeq: number;
  closing: Promise<void> | null;
}

const LIVE_FOR_LOGOUT: ReadonlySet<WaStatus['kind']> = new Set(['qr', 'authenticated', 'ready']);
const ACTIVE: ReadonlySet<WaStatus['kind']> = new Set(['starting', 'qr', 'authenticated', 'ready']);
/** Covers a slow first sync of a big account; a QR waiting for the phone is not counted. */
const DEFAULT_START_TIMEOUT_MS = 180_000;
/** Every send: `sendSeen` (default true) made every send fail after a WhatsApp change in January 2026 (WHATSAPP.md #16). */
const SEND_OPTIONS = { sendSeen: false } as const;

/** The real adapter: whatsapp-web.js's Client behind the WhatsAppPort, every library event mapped to WaStatus. */
export class WwebjsWhatsApp extends PortWithEvents implements WhatsAppPort {
  private run: Run | null = null;
  /** start/logout/destroy one at a time, so a restart never overlaps a close. */
  private readonly serial = serial();
  /** Sends not yet resolved: closing the browser under them can lose the message (#1529, WHATSAPP.md #5). */
  private readonly inflight = new Set<Promise<unknown>>();
  /** Runs whose browser is closing (see browsersClosed). */
  private readonly closingRuns = new Set<Promise<void>>();
  private readonly createClient: WwebjsClientFactory;
  private readonly loadMedia: (file: MediaFile) => unknown;

  constructor(private readonly options: WwebjsWhatsAppOptions) {
    super('whatsapp');
    this.createClient = options.createClient ?? createWwebjsClient;
    this.loadMedia = options.loadMedia ?? loadMessageMedia;
  }

  /** Starts a client; a running one is left alone, a failed or stopped one is closed and replaced. */
  start(): Promise<void> {
    return this.serial(async () => {
      // A run whose socket merely dropped is alive and reconnecting: restarting it would only slow that down.
      if (this.run && !this.run.closing && (ACTIVE.has(this.events.current.kind) || this.run.socketDown)) return;
      if (this.run) await this.closeRun(this.run);
      await this.browsersClosed();
      this.events.setStatus({ kind: 'starting', percent: null, message: 'Starting the browser' });

      let browserPath: string;
      try {
        const found = findBrowser(this.options.browserPath?.(), this.options.browserSearch ?? systemBrowserSearchEnv());
        browserPath = found.executablePath;
        this.events.log('info', `Browser: ${browserPath} (${found.source})`);
      } catch (err) {
        this.fail({ kind: 'error', message: describeThrown(err), actions: ['retry'] });
        return;
      }

      let client: WwebjsClientLike;
      try {
        client = this.createClient(
          {
            executablePath: browserPath,
            sessionDir: this.options.paths.sessionDir,
            browserArgs: this.options.browserArgs ?? defaultBrowserArgs(),
            rmMaxRetries: this.options.rmMaxRetries ?? 10,
          },
          (where, err) => this.events.log('warn', `${where} failed: ${describeThrown(err)}`),
        );
      } catch (err) {
        this.fail(startErrorStatus(err, browserPath));
        return;
      }

      const run: Run = {
        client,
        browserPath,
        timers: new AbortController(),
        watchdog: null,
        account: null,
        socketDown: false,
        qrSeq: 0,
        closing: null,
      };
      this.run = run;
      this.attach(run);
      this.attachIncoming(run);
      this.armWatchdog(run);
      this.events.log('info', 'Opening WhatsApp Web');
      // Not awaited: progress and the outcome arrive as events; a rejection becomes an error status.
      client.initialize().then(
        () => this.events.log('info', 'WhatsApp Web page loaded'),
        (err: unknown) => {
          if (this.run !== run) return;
          this.events.log('error', `Start failed: ${describeThrown(err).split('\n')[0]}`);
          // The browser is still running after a failed initialize(); fail() closes it.
          this.fail(startErrorStatus(err, browserPath), run);
        },
      );
    });
  }

  /** Unlinks the device inside WhatsApp and closes the browser; on failure the browser is closed anyway and the error rethrown. */
  logout(): Promise<void> {
    return this.serial(async () => {
      const run = this.run;
      const kind = this.events.current.kind;
      if (!run || run.closing || !LIVE_FOR_LOGOUT.has(kind)) {
        throw new AppFailure('not_ready', `Cannot log out while WhatsApp is ${kind}: it needs a live connection.`);
      }
      await this.drainSends();
      // From here on the library's own events (it emits a disconnect while logging out) are not ours to show.
      this.run = null;
      run.timers.abort();
      try {
        await this.withTimeout(run.client.logout(), this.options.logoutTimeoutMs ?? 30_000, 'log out');
        this.events.log('info', 'Logged out');
      } catch (err) {
        this.events.log('warn', `Log out failed: ${describeThrown(err)}; closing the browser`);
        await this.closeRun(run);
        this.events.setStatus({ kind: 'idle' });
        throw new AppFailure('io', `Log out did not complete: ${describeThrown(err)}`);
      } finally {
        run.client.removeAllListeners();
      }
      this.events.setStatus({ kind: 'idle' });
    });
  }

  /** Closes the browser and keeps the session. Safe at any time, any number of times. */
  destroy(): Promise<void> {
    return this.serial(async () => {
      await this.drainSends();
      if (this.run) await this.closeRun(this.run);
      await this.browsersClosed();
      if (this.events.current.kind !== 'idle') this.events.setStatus({ kind: 'idle' });
    });
  }

  async checkNumber(digits: string): Promise<string | null> {
    const client = this.readyClient();
    if (!isDigitsOnly(digits)) throw new AppFailure('bad_request', `Not a phone number in digits only: "${digits}"`);
    return (await client.getNumberId(digits))?._serialized ?? null;
  }

  sendText(chatId: string, body: string): Promise<SentMessage> {
    return this.track(this.send(chatId, 'text', (client) => client.sendMessage(chatId, body, SEND_OPTIONS)));
  }

  sendMedia(chatId: string, media: MediaFile, caption: string): Promise<SentMessage> {
    let content: unknown;
    try {
      content = this.loadMedia(media);
    } catch (err) {
      return Promise.reject(new AppFailure('not_found', `Attachment not readable: ${media.path} (${describeThrown(err)})`));
    }
    if (media.mimeType.toLowerCase().startsWith('audio/')) return this.track(this.sendAudio(chatId, content, caption));
    return this.track(this.send(chatId, 'media', (client) => client.sendMessage(chatId, content, { ...SEND_OPTIONS, caption })));
  }

  async recentMessages(chatId: string, limit: number): Promise<ChatMessage[]> {
    const client = this.readyClient();
    const chat = await client.getChatById(chatId);
    // No chat at all: nothing was ever sent there.
    if (!chat) return [];
    const messages = await chat.fetchMessages({ limit });
    return messages.map((m) => ({
      // Empty when WhatsApp Web gave no readable id: the body still tells whether our message is there.
      id: messageIdOf(m.id) ?? '',
      body: m.body ?? '',
      fromMe: Boolean(m.fromMe),
      at: (m.timestamp ?? 0) * 1000,
      ...(isAckLevel(m.ack) ? { ack: m.ack } : {}),
    }));
  }

  async sendTyping(chatId: string): Promise<void> {
    const client = this.readyClient();
    const chat = await client.getChatById(chatId);
    await chat?.sendStateTyping();
  }

  private track<T>(sending: Promise<T>): Promise<T> {
    const settled = sending.then(() => undefined).catch(() => undefined);
    this.inflight.add(settled);
    void settled.then(() => this.inflight.delete(settled));
    return sending;
  }

  /**
   * Lets running sends finish before the browser closes (#1529), but not for ever: a stalled send (#5810) must
   * not keep the app from quitting.
   */
  private async drainSends(): Promise<void> {
    if (this.inflight.size === 0) return;
    const ms = this.options.drainTimeoutMs ?? 30_000;
    this.events.log('info', `Waiting up to ${Math.round(ms / 1000)} s for ${this.inflight.size} send(s) to finish before closing`);
    try {
      await this.withTimeout(Promise.all([...this.inflight]), ms, 'finish the sends in flight');
    } catch {
      this.events.log('warn', `${this.inflight.size} send(s) still not finished; closing the browser anyway`);
    }
  }

  /**
   * Sends once, with no timeout and no retry of its own: the runner owns both (its send timeout, and one fresh
   * number lookup and retry on "No LID for user", WHATSAPP.md #4).
   */
  private async send(
    chatId: string,
    what: 'text' | 'media' | 'audio',
    sendNow: (client: WwebjsClientLike) => Promise<WwebjsMessageLike | null | undefined>,
  ): Promise<SentMessage> {
    const id = messageIdOf((await sendNow(this.readyClient()))?.id);
    if (id) {
      this.events.log('info', `Sent ${what} to ${maskNumber(chatId)}`);
    } else {
      // 1.34.7 on WhatsApp Web >= 2.3000.1042401057 resolves undefined for a message that went out (WHATSAPP.md #12).
      this.events.log('warn', `Sent ${what} to ${maskNumber(chatId)}, but WhatsApp Web returned no message id; it is looked up in the chat instead`);
    }
    return { id, at: this.options.clock.now() };
  }

  /**
   * An audio message carries no caption (WHATSAPP.md #18): the audio, then the text as its own message. The text's
   * message is returned, since reconciliation looks for the text in the chat.
   */
  private async sendAudio(chatId: string, audio: unknown, text: string): Promise<SentMessage> {
    const sent = await this.send(chatId, 'audio', (client) => client.sendMessage(chatId, audio, SEND_OPTIONS));
    if (!text.trim()) return sent;
    return this.send(chatId, 'text', (client) => client.sendMessage(chatId, text, SEND_OPTIONS));
  }

  private attach(run: Run): void {
    const on = (event: string, handler: (...args: any[]) => void | Promise<void>) => {
      run.client.on(event, (...args: unknown[]) => {
        if (this.run !== run) return;
        try {
          const result = handler(...args);
          if (result instanceof Promise) result.catch((err) => this.events.log('error', `${event} handler failed: ${describeThrown(err)}`));
        } catch (err) {
          this.events.log('error', `${event} handler failed: ${describeThrown(err)}`);
        }
      });
    };

    on('qr', async (qr: string) => {
      // The phone may take any time to scan: the watchdog waits, and starts afresh once the QR goes away.
      if (!run.account) this.pauseWatchdog(run);
      // WhatsApp rotates the QR; only the newest one may be shown even if an older image finishes last.
      const seq = ++run.qrSeq;
      const qrText = String(qr);
      const qrDataUrl = await qrToDataUrl(qrText);
      const kind = this.events.current.kind;
      if (this.run !== run || seq !== run.qrSeq || kind === 'authenticated' || kind === 'ready') return;
      if (seq === 1) this.events.log('info', 'QR code shown: scan it with WhatsApp on the phone');
      this.events.setStatus({ kind: 'qr', qrDataUrl, qrText });
    });

    on('loading_screen', (percent: unknown, message: unknown) => {
      this.armWatchdog(run);
      if (this.events.current.kind === 'ready' || run.socketDown) return;
      const value = typeof percent === 'number' ? percent : Number.parseFloat(String(percent));
      this.events.setStatus({
        kind: 'starting',
        percent: Number.isFinite(value) ? value : null,
        message: message ? String(message) : 'Loading WhatsApp',
      });
    });

    on('authenticated', () => {
      // The library may authenticate again on a live session (a page reload): ready stays ready.
      if (this.events.current.kind === 'ready' || run.socketDown) return;
      this.armWatchdog(run);
      run.qrSeq++;
      this.events.log('info', 'Authenticated; waiting for WhatsApp Web to be ready');
      this.events.setStatus({ kind: 'authenticated' });
    });

    on('auth_failure', (message: unknown) => {
      this.pauseWatchdog(run);
      this.events.log('error', `Authentication failed: ${describeThrown(message)}`);
      this.events.setStatus({ kind: 'auth_failure', message: describeThrown(message) || 'Authentication failed.' });
    });

    on('ready', () => {
      this.pauseWatchdog(run);
      const info = run.client.info;
      const account = { number: info?.wid?.user ?? '', name: info?.pushname ?? '' };
      run.account = account;
      run.socketDown = false;
      this.events.log('info', `Ready as ${maskNumber(account.number)}`);
      this.events.setStatus({ kind: 'ready', account: { ...account } });
    });

    on('disconnected', (reason: unknown) => {
      this.pauseWatchdog(run);
      // The library closes its browser after this event: no coming back without a new start.
      run.socketDown = false;
      const text = describeDisconnect(reason);
      this.events.log('warn', `Disconnected: ${text}`);
      this.events.setStatus({ kind: 'disconnected', reason: text });
    });

    on('change_state', (state: unknown) => {
      const text = describeThrown(state);
      this.events.log('info', `Connection state: ${text}`);
      this.onSocketState(run, text);
    });

    on('message_ack', (message: WwebjsMessageLike | undefined, ack: unknown) => {
      const messageId = messageIdOf(message?.id);
      if (!messageId || !isAckLevel(ack)) return;
      this.events.ack({ messageId, ack, at: this.options.clock.now() });
    });
  }

  /** Contacts writing to us: incoming.ts reads them (one-to-one chats only) and maps an `@lid` sender to its number. */
  private attachIncoming(run: Run): void {
    run.client.on('message', (message: WwebjsIncomingLike) => {
      if (this.run !== run) return;
      void readIncoming(run.client as LidLookupClient, message, () => this.options.clock.now()).then(
        (incoming) => incoming && this.run === run && this.events.message(incoming),
        (err: unknown) => this.events.log('error', `message handler failed: ${describeThrown(err)}`),
      );
    });
  }

  /**
   * Only CONNECTED means messages really go out; 1.34.7 treats TIMEOUT and OPENING as fine, emits no
   * `disconnected` for them and lets sends queue locally meanwhile (WHATSAPP.md #13). So while ready, any other
   * state leaves ready (campaigns wait), and CONNECTED brings the same account back. The client stays up.
   */
  private onSocketState(run: Run, state: string): void {
    if (state === 'CONNECTED') {
      if (!run.socketDown || !run.account) return;
      run.socketDown = false;
      this.events.log('info', 'The connection to WhatsApp is back');
      this.events.setStatus({ kind: 'ready', account: { ...run.account } });
      return;
    }
    if (this.events.current.kind !== 'ready') return;
    run.socketDown = true;
    this.events.log('warn', `Lost the connection to WhatsApp (${state}); waiting for it to come back`);
    this.events.setStatus({ kind: 'disconnected', reason: describeLostConnection(state), reconnecting: true });
  }

  /** One watchdog from start to ready, so a stuck sync after a QR scan or a restore ends in an error (WHATSAPP.md #14). */
  private armWatchdog(run: Run): void {
    if (run.watchdog || run.account) return;
    const ms = this.options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
    run.watchdog = this.timer(run, ms, () => {
      this.events.log('error', `WhatsApp Web was not ready ${Math.round(ms / 1000)} s after the start (time with a QR code shown not counted)`);
      this.fail(loadTimeoutStatus(ms), run);
    });
  }

  private pauseWatchdog(run: Run): void {
    run.watchdog?.abort();
    run.watchdog = null;
  }

  /** Shows an error and closes the run's browser (a failed initialize() leaves Chromium running). */
  private fail(status: Extract<WaStatus, { kind: 'error' }>, run?: Run): void {
    if (run && this.run !== run) return;
    this.events.setStatus(status);
    if (run) void this.closeRun(run);
  }

  /**
   * Waits for browsers still closing (a failed run closes its own in the background): a new browser on the same
   * profile would find it locked, and files being written cannot be wiped.
   */
  private async browsersClosed(): Promise<void> {
    await Promise.all([...this.closingRuns]);
  }

  private closeRun(run: Run): Promise<void> {
    if (this.run === run) this.run = null;
    if (!run.closing) {
      run.timers.abort();
      run.closing = (async () => {
        try {
          await this.withTimeout(run.client.destroy(), this.options.destroyTimeoutMs ?? 15_000, 'close the browser');
        } catch (err) {
          this.events.log('warn', `Closing the browser failed: ${describeThrown(err)}`);
        } finally {
          run.client.removeAllListeners();
        }
      })();
      const closing = run.closing;
      this.closingRuns.add(closing);
      void closing.then(() => this.closingRuns.delete(closing));
    }
    return run.closing;
  }

  private timer(run: Run, ms: number, onExpire: () => void): AbortController {
    const own = new AbortController();
    const signal = AbortSignal.any([run.timers.signal, own.signal]);
    this.options.clock.sleep(ms, signal).then(
      () => {
        if (!signal.aborted && this.run === run) onExpire();
      },
      () => undefined,
    );
    return own;
  }

  private readyClient(): WwebjsClientLike {
    const kind = this.events.current.kind;
    if (!this.run || kind !== 'ready')
      throw new AppFailure('not_ready', `WhatsApp is not ready (status: ${kind}).`, { key: 'errors.whatsappNotReady' });
    return this.run.client;
  }

  /** A close or log out that does not finish in time fails with the operator's words (the work is not stopped). */
  private withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
    return withTimeout(work, ms, this.options.clock, what).catch((err: unknown) => {
      throw err instanceof TimeoutError ? new AppFailure('io', `Could not ${what} within ${Math.round(ms / 1000)} s.`) : err;
    });
  }
}
