import type { AppPaths } from '../platform/app-paths';
import type { Clock } from '../platform/clock';
import { AppFailure } from '../shared/result';
import type { WaStatus } from '../shared/status';
import { findBrowser, type BrowserSearchEnv } from './browser';
import { systemBrowserSearchEnv } from './browser-search-env';
import type { AckLevel, ChatMessage, MediaFile, SentMessage, WhatsAppPort } from './port';
import { qrToDataUrl } from './qr-image';
import { isDigitsOnly, maskNumber } from './redact';
import { describeDisconnect, describeThrown, startErrorStatus } from './start-errors';
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
  paths: Pick<AppPaths, 'sessionDir' | 'webCacheDir'>;
  clock: Clock;
  /** The operator's browser setting, read at each start (empty or null: find one). */
  browserPath?: () => string | null | undefined;
  browserSearch?: BrowserSearchEnv;
  browserArgs?: string[];
  createClient?: WwebjsClientFactory;
  loadMedia?: (file: MediaFile) => unknown;
  /** From start until a QR, progress or authentication shows up. */
  startTimeoutMs?: number;
  /** From `authenticated` until `ready` (WHATSAPP.md #8: ready sometimes never fires). */
  readyTimeoutMs?: number;
  logoutTimeoutMs?: number;
  destroyTimeoutMs?: number;
  /** A send that has not resolved by then fails instead of stalling the campaign (WHATSAPP.md #11). */
  sendTimeoutMs?: number;
  /** LocalAuth's own rm retries; SessionFiles retries with delays on top (WHATSAPP.md #1). */
  rmMaxRetries?: number;
}

/** One client from creation to close; events from an older run are ignored. */
interface Run {
  client: WwebjsClientLike;
  browserPath: string;
  /** Aborts this run's timers. */
  timers: AbortController;
  startTimer: AbortController | null;
  readyTimer: AbortController | null;
  qrSeq: number;
  closing: Promise<void> | null;
}

const LIVE_FOR_LOGOUT: ReadonlySet<WaStatus['kind']> = new Set(['qr', 'authenticated', 'ready']);
const ACTIVE: ReadonlySet<WaStatus['kind']> = new Set(['starting', 'qr', 'authenticated', 'ready']);

/** The real adapter: whatsapp-web.js's Client behind the WhatsAppPort, every library event mapped to WaStatus. */
export class WwebjsWhatsApp extends PortWithEvents implements WhatsAppPort {
  private run: Run | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** Sends not yet resolved: closing the browser under them can lose the message (#1529, WHATSAPP.md #5). */
  private readonly inflight = new Set<Promise<unknown>>();
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
      if (this.run && !this.run.closing && ACTIVE.has(this.events.current.kind)) return;
      if (this.run) await this.closeRun(this.run);
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
            webCacheDir: this.options.paths.webCacheDir,
            browserArgs: this.options.browserArgs ?? defaultBrowserArgs(),
            rmMaxRetries: this.options.rmMaxRetries ?? 10,
          },
          (where, err) => this.events.log('warn', `${where} failed: ${describeThrown(err)}`),
        );
      } catch (err) {
        this.fail(startErrorStatus(err, browserPath));
        return;
      }

      const run: Run = { client, browserPath, timers: new AbortController(), startTimer: null, readyTimer: null, qrSeq: 0, closing: null };
      this.run = run;
      this.attach(run);
      run.startTimer = this.timer(run, this.options.startTimeoutMs ?? 60_000, () => {
        this.events.log('error', 'WhatsApp Web showed nothing before the start timeout');
        this.fail({ kind: 'error', message: 'WhatsApp Web did not load in time. Retry, or reset the cache.', actions: ['retry', 'reset-cache'] }, run);
      });
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
      if (this.events.current.kind !== 'idle') this.events.setStatus({ kind: 'idle' });
    });
  }

  async checkNumber(digits: string): Promise<string | null> {
    const client = this.readyClient();
    if (!isDigitsOnly(digits)) throw new AppFailure('bad_request', `Not a phone number in digits only: "${digits}"`);
    const wid = await client.getNumberId(digits);
    return wid?._serialized ?? null;
  }

  sendText(chatId: string, body: string): Promise<SentMessage> {
    return this.track(this.send(chatId, 'text', (client, to) => client.sendMessage(to, body)));
  }

  sendMedia(chatId: string, media: MediaFile, caption: string): Promise<SentMessage> {
    let content: unknown;
    try {
      content = this.loadMedia(media);
    } catch (err) {
      return Promise.reject(new AppFailure('not_found', `Attachment not readable: ${media.path} (${describeThrown(err)})`));
    }
    return this.track(this.send(chatId, 'media', (client, to) => client.sendMessage(to, content, { caption })));
  }

  async recentMessages(chatId: string, limit: number): Promise<ChatMessage[]> {
    const client = this.readyClient();
    const chat = await client.getChatById(chatId);
    const messages = await chat.fetchMessages({ limit });
    return messages.map((m) => ({
      id: m.id._serialized,
      body: m.body ?? '',
      fromMe: Boolean(m.fromMe),
      at: (m.timestamp ?? 0) * 1000,
    }));
  }

  private track<T>(sending: Promise<T>): Promise<T> {
    const settled = sending.then(
      () => undefined,
      () => undefined,
    );
    this.inflight.add(settled);
    void settled.then(() => this.inflight.delete(settled));
    return sending;
  }

  /** Lets running sends finish (each is bounded by the send timeout) before the browser closes. */
  private async drainSends(): Promise<void> {
    if (this.inflight.size === 0) return;
    this.events.log('info', `Waiting for ${this.inflight.size} send(s) to finish before closing`);
    await Promise.all([...this.inflight]);
  }

  /** Sends once; on "No LID for user" resolves the number again and retries once (WHATSAPP.md #4). */
  private async send(
    chatId: string,
    what: 'text' | 'media',
    sendTo: (client: WwebjsClientLike, to: string) => Promise<WwebjsMessageLike>,
  ): Promise<SentMessage> {
    const client = this.readyClient();
    const timeoutMs = this.options.sendTimeoutMs ?? 60_000;
    let message: WwebjsMessageLike;
    try {
      message = await this.withTimeout(sendTo(client, chatId), timeoutMs, 'send');
    } catch (err) {
      if (!/No LID for user/i.test(describeThrown(err))) throw err;
      this.events.log('warn', `No LID for ${maskNumber(chatId)}: resolving the number again and retrying once`);
      const wid = await client.getNumberId(chatId.split('@')[0] ?? chatId);
      if (!wid) throw new AppFailure('not_found', `${maskNumber(chatId)} is not on WhatsApp`);
      message = await this.withTimeout(sendTo(client, wid._serialized), timeoutMs, 'send');
    }
    this.events.log('info', `Sent ${what} to ${maskNumber(chatId)}`);
    return { id: message.id._serialized, at: this.options.clock.now() };
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
      this.clearTimer(run, 'startTimer');
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
      this.clearTimer(run, 'startTimer');
      if (this.events.current.kind === 'ready') return;
      const value = typeof percent === 'number' ? percent : Number.parseFloat(String(percent));
      this.events.setStatus({
        kind: 'starting',
        percent: Number.isFinite(value) ? value : null,
        message: message ? String(message) : 'Loading WhatsApp',
      });
    });

    on('authenticated', () => {
      this.clearTimer(run, 'startTimer');
      run.qrSeq++;
      this.events.log('info', 'Authenticated; waiting for WhatsApp Web to be ready');
      this.events.setStatus({ kind: 'authenticated' });
      if (!run.readyTimer) {
        const ms = this.options.readyTimeoutMs ?? 90_000;
        run.readyTimer = this.timer(run, ms, () => {
          this.events.log('error', `Not ready ${Math.round(ms / 1000)} s after authentication`);
          this.fail(
            {
              kind: 'error',
              message: `WhatsApp Web did not become ready within ${Math.round(ms / 1000)} s. Retry, or reset the cache if it keeps happening.`,
              actions: ['retry', 'reset-cache'],
            },
            run,
          );
        });
      }
    });

    on('auth_failure', (message: unknown) => {
      this.clearTimers(run);
      this.events.log('error', `Authentication failed: ${describeThrown(message)}`);
      this.events.setStatus({ kind: 'auth_failure', message: describeThrown(message) || 'Authentication failed.' });
    });

    on('ready', () => {
      this.clearTimers(run);
      const info = run.client.info;
      const account = { number: info?.wid?.user ?? '', name: info?.pushname ?? '' };
      this.events.log('info', `Ready as ${maskNumber(account.number)}`);
      this.events.setStatus({ kind: 'ready', account });
    });

    on('disconnected', (reason: unknown) => {
      this.clearTimers(run);
      const text = describeDisconnect(reason);
      this.events.log('warn', `Disconnected: ${text}`);
      this.events.setStatus({ kind: 'disconnected', reason: text });
    });

    on('change_state', (state: unknown) => {
      this.events.log('info', `Connection state: ${describeThrown(state)}`);
    });

    on('message_ack', (message: WwebjsMessageLike | undefined, ack: unknown) => {
      const messageId = message?.id?._serialized;
      if (!messageId || typeof ack !== 'number' || ack < -1 || ack > 4) return;
      this.events.ack({ messageId, ack: ack as AckLevel, at: this.options.clock.now() });
    });
  }

  /** Shows an error and closes the run's browser (a failed initialize() leaves Chromium running). */
  private fail(status: Extract<WaStatus, { kind: 'error' }>, run?: Run): void {
    if (run && this.run !== run) return;
    this.events.setStatus(status);
    if (run) void this.closeRun(run);
  }

  /** Closes a run once; its events are ignored from the moment it starts closing. */
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

  private clearTimer(run: Run, which: 'startTimer' | 'readyTimer'): void {
    run[which]?.abort();
    run[which] = null;
  }

  private clearTimers(run: Run): void {
    this.clearTimer(run, 'startTimer');
    this.clearTimer(run, 'readyTimer');
  }

  private readyClient(): WwebjsClientLike {
    const kind = this.events.current.kind;
    if (!this.run || kind !== 'ready') throw new AppFailure('not_ready', `WhatsApp is not ready (status: ${kind}).`);
    return this.run.client;
  }

  private async withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
    const cancel = new AbortController();
    const expired = this.options.clock.sleep(ms, cancel.signal).then(
      () => {
        throw new AppFailure('io', `Could not ${what} within ${Math.round(ms / 1000)} s.`);
      },
      () => new Promise<never>(() => undefined),
    );
    try {
      return await Promise.race([work, expired]);
    } finally {
      cancel.abort();
    }
  }

  /** start/logout/destroy one at a time, so a restart never overlaps a close. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
