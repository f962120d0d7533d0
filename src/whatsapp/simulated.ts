import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../platform/clock';
import { AppFailure } from '../shared/result';
import type { WaStatus } from '../shared/status';
import type { AckLevel, ChatMessage, IncomingMessage, MediaFile, SentMessage, WhatsAppPort } from './port';
import { qrToDataUrl } from './qr-image';
import { isDigitsOnly, maskNumber } from './redact';
import { PortWithEvents } from './status-store';
import { describeLostConnection } from './start-errors';

export interface SimulatedWhatsAppOptions {
  /** Same folder the real adapter gives LocalAuth as dataPath; a scan writes a LocalAuth-like layout below it. */
  sessionDir: string;
  clock: Clock;
  account?: { number: string; name: string };
  /** Scan by itself this long after the QR shows; null: wait for simulateScan(). */
  autoScanAfterMs?: number | null;
  /** The scan (or the session restore) fails with auth_failure. */
  failAuth?: boolean;
  /** Drop the connection this long after the first ready (once). */
  disconnectAfterMs?: number | null;
  /** The phone goes offline once, this long after the first ready, and comes back by itself `offlineForMs` later. */
  offlineAfterMs?: number | null;
  offlineForMs?: number;
  /** Every accepted message is appended as one JSON line {"to","body","id"} and fsynced before the send resolves. */
  outboxFile?: string | null;
  /** Digits reported as not on WhatsApp. */
  unregistered?: Iterable<string>;
  /** Share of sends that fail (0..1), decided by `random`. */
  failRate?: number;
  random?: () => number;
  sendLatencyMs?: number;
  /** Delays after a send for ack 2 (delivered) and ack 3 (read); null: only ack 1. */
  ackDelaysMs?: { delivered: number; read: number } | null;
}

/** One outbox line: the ground truth of what the simulated WhatsApp accepted. */
export interface OutboxLine {
  to: string;
  body: string;
  id: string;
  /** Attachment file name, on media sends only. */
  media?: string;
}

/** WhatsApp rotates the QR about every 20 seconds. */
export const QR_ROTATE_MS = 20_000;
const DEFAULT_ACCOUNT = { number: '15550100123', name: 'Demo account' };
/** LocalAuth keeps the browser profile in `<dataPath>/session-<clientId>`. */
const PROFILE_DIR = 'session-main';
const LIVE: ReadonlySet<WaStatus['kind']> = new Set(['starting', 'qr', 'authenticated', 'ready']);

/**
 * A WhatsApp that runs without a browser or network: the offline demo and every test that needs a port.
 * It behaves like the real adapter where the app can tell the difference: QR then scan, a session folder that
 * restores on the next start and disappears on log out, unregistered numbers, failed sends and receipts.
 */
export class SimulatedWhatsApp extends PortWithEvents implements WhatsAppPort {
  private readonly account: { number: string; name: string };
  private readonly unregistered: Set<string>;
  private readonly random: () => number;
  /** Aborted whenever the "browser" closes: stops QR rotation, auto scan, scheduled disconnects and acks. */
  private run = new AbortController();
  private sent: Array<OutboxLine & { at: number }> = [];
  private sendSeq: Promise<number> | null = null;
  private readonly idToken = randomBytes(3).toString('hex').toUpperCase();
  private qrText = '';
  private droppedOnce = false;
  private offlineOnce = false;
  private outboxQueue: Promise<unknown> = Promise.resolve();
  private typingCount = 0;

  constructor(private readonly options: SimulatedWhatsAppOptions) {
    super('whatsapp-sim');
    this.account = options.account ?? DEFAULT_ACCOUNT;
    this.unregistered = new Set(options.unregistered ?? []);
    this.random = options.random ?? Math.random;
  }

  get profileDir(): string {
    return path.join(this.options.sessionDir, PROFILE_DIR);
  }

  async start(): Promise<void> {
    if (LIVE.has(this.events.current.kind)) return;
    this.run.abort();
    this.run = new AbortController();
    const signal = this.run.signal;
    this.events.setStatus({ kind: 'starting', percent: null, message: 'Starting the simulated WhatsApp' });
    if (this.hasSession()) {
      this.events.log('info', 'Restoring the saved session');
      await this.restore(signal);
      return;
    }
    await this.showQr(signal);
    void this.rotateQr(signal);
    const after = this.options.autoScanAfterMs;
    if (after !== null && after !== undefined) {
      void this.options.clock.sleep(after, signal).then(
        () => this.simulateScan(),
        () => undefined,
      );
    }
  }

  /** Acts as if the phone scanned the QR code. */
  async simulateScan(): Promise<void> {
    if (this.events.current.kind !== 'qr') throw new AppFailure('conflict', 'There is no QR code to scan right now.');
    const signal = this.run.signal;
    if (this.options.failAuth) {
      this.events.log('warn', 'Simulated authentication failure');
      this.events.setStatus({ kind: 'auth_failure', message: 'Authentication failed (simulated).' });
      this.run.abort();
      return;
    }
    await this.writeProfile();
    if (signal.aborted) return;
    this.events.setStatus({ kind: 'authenticated' });
    this.becomeReady(signal);
  }

  /** Drops the connection as WhatsApp does when the phone goes offline or the session is replaced. */
  simulateDisconnect(reason: string): void {
    if (!LIVE.has(this.events.current.kind)) return;
    this.run.abort();
    this.events.log('warn', `Disconnected: ${reason}`);
    this.events.setStatus({ kind: 'disconnected', reason });
  }

  /**
   * The phone or the network is gone for a while (WhatsApp Web's socket leaves CONNECTED) and comes back by itself,
   * as the real adapter reports it: sends fail meanwhile, nothing needs the operator.
   */
  simulateOffline(forMs: number): void {
    if (this.events.current.kind !== 'ready') return;
    const account = { ...this.account };
    const signal = this.run.signal;
    this.events.log('warn', 'Connection state: TIMEOUT');
    this.events.setStatus({ kind: 'disconnected', reason: describeLostConnection('TIMEOUT'), reconnecting: true });
    void this.options.clock.sleep(forMs, signal).then(
      () => {
        this.events.log('info', 'Connection state: CONNECTED');
        this.events.setStatus({ kind: 'ready', account });
      },
      () => undefined,
    );
  }

  /** Comes back after a disconnect: restores the session if one is saved, otherwise shows a QR again. */
  async simulateReconnect(): Promise<void> {
    if (this.events.current.kind !== 'disconnected') return;
    await this.start();
  }

  async logout(): Promise<void> {
    const kind = this.events.current.kind;
    if (kind !== 'ready' && kind !== 'authenticated' && kind !== 'qr') {
      throw new AppFailure('not_ready', `Cannot log out while the client is ${kind}: it needs a live connection.`);
    }
    this.run.abort();
    // LocalAuth.logout() removes its profile folder (WHATSAPP.md #1).
    await fsp.rm(this.profileDir, { recursive: true, force: true, maxRetries: 4 });
    this.events.log('info', 'Logged out and deleted the session folder');
    this.events.setStatus({ kind: 'idle' });
  }

  async destroy(): Promise<void> {
    this.run.abort();
    if (this.events.current.kind !== 'idle') this.events.setStatus({ kind: 'idle' });
  }

  async checkNumber(digits: string): Promise<string | null> {
    this.requireReady();
    if (!isDigitsOnly(digits)) throw new AppFailure('bad_request', `Not a phone number in digits only: "${digits}"`);
    return this.unregistered.has(digits) ? null : `${digits}@c.us`;
  }

  async sendText(chatId: string, body: string): Promise<SentMessage> {
    return this.send(chatId, body);
  }

  async sendMedia(chatId: string, media: MediaFile, caption: string): Promise<SentMessage> {
    try {
      await fsp.access(media.path, fs.constants.R_OK);
    } catch {
      throw new AppFailure('not_found', `Attachment not found or unreadable: ${media.path}`);
    }
    return this.send(chatId, caption, media.fileName);
  }

  async recentMessages(chatId: string, limit: number): Promise<ChatMessage[]> {
    const to = digitsOf(chatId);
    const lines = this.options.outboxFile ? await this.readOutbox() : this.sent;
    const atById = new Map(this.sent.map((s) => [s.id, s.at]));
    return lines
      .filter((line) => line.to === to)
      .slice(-Math.max(0, limit))
      .map((line) => ({ id: line.id, body: line.body, fromMe: true, at: atById.get(line.id) ?? 0 }));
  }

  /** Nothing to show without a real chat: the log says it happened (the demo's log shows the pacing at work). */
  async sendTyping(chatId: string): Promise<void> {
    this.requireReady();
    this.typingCount += 1;
    this.events.log('info', `Typing… to ${maskNumber(chatId)}`);
  }

  /** How many typing indicators were shown (tests). */
  get typingShown(): number {
    return this.typingCount;
  }

  /** A contact writes to the account (simulated-replies.ts, tests). */
  receive(message: IncomingMessage): void {
    this.events.message(message);
  }

  private async send(chatId: string, body: string, media?: string): Promise<SentMessage> {
    this.requireReady();
    const signal = this.run.signal;
    const latency = this.options.sendLatencyMs ?? 0;
    if (latency > 0) await this.options.clock.sleep(latency);
    if (this.events.current.kind !== 'ready')
      throw new AppFailure('not_ready', 'The connection dropped before the message was sent.', { key: 'errors.droppedBeforeSend' });
    if ((this.options.failRate ?? 0) > 0 && this.random() < (this.options.failRate ?? 0)) {
      this.events.log('warn', `Simulated send failure to ${maskNumber(chatId)}`);
      throw new Error('Simulated send failure');
    }
    const line = await this.record(chatId, body, media);
    const id = line.id;
    const at = this.options.clock.now();
    this.sent.push({ ...line, at });
    this.events.log('info', `Sent a ${media ? 'media ' : ''}message to ${maskNumber(chatId)}`);
    this.scheduleAcks(id, signal);
    return { id, at };
  }

  /** Ack 1 once the caller has the id; 2 and 3 later, like a phone that receives and then reads. */
  private scheduleAcks(id: string, signal: AbortSignal): void {
    const emit = (ack: AckLevel) => {
      if (!signal.aborted) this.events.ack({ messageId: id, ack, at: this.options.clock.now() });
    };
    setImmediate(() => emit(1));
    const delays = this.options.ackDelaysMs;
    if (!delays) return;
    const clock = this.options.clock;
    void (async () => {
      await clock.sleep(delays.delivered, signal);
      emit(2);
      await clock.sleep(Math.max(0, delays.read - delays.delivered), signal);
      emit(3);
    })().catch(() => undefined);
  }

  /** One append at a time, so the outbox order is the order ids were given out. */
  private record(chatId: string, body: string, media: string | undefined): Promise<OutboxLine> {
    const next = this.outboxQueue.then(async () => {
      const line: OutboxLine = { to: digitsOf(chatId), body, id: await this.nextId(chatId), ...(media ? { media } : {}) };
      if (this.options.outboxFile) await appendSynced(this.options.outboxFile, `${JSON.stringify(line)}\n`);
      return line;
    });
    this.outboxQueue = next.catch(() => undefined);
    return next;
  }

  /** Ids stay unique when the outbox already holds lines from an earlier process: numbering continues after them. */
  private async nextId(chatId: string): Promise<string> {
    // Chained, so concurrent first sends read the outbox once and still get distinct numbers.
    // An unreadable outbox counts as empty here: the per-process token still keeps ids apart.
    const counted = () => (this.options.outboxFile ? this.readOutbox().then((l) => l.length) : Promise.resolve(0)).catch(() => 0);
    const previous = this.sendSeq ?? counted();
    const seq = previous.then((n) => n + 1);
    this.sendSeq = seq;
    return `true_${chatId}_SIM${this.idToken}${String(await seq).padStart(6, '0')}`;
  }

  private async readOutbox(): Promise<OutboxLine[]> {
    let text: string;
    try {
      text = await fsp.readFile(this.options.outboxFile as string, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const lines: OutboxLine[] = [];
    for (const raw of text.split('\n')) {
      if (!raw.trim()) continue;
      try {
        lines.push(JSON.parse(raw) as OutboxLine);
      } catch {
        // A line cut short by a crash mid-append is not a sent message.
      }
    }
    return lines;
  }

  private requireReady(): void {
    const kind = this.events.current.kind;
    if (kind !== 'ready') throw new AppFailure('not_ready', `WhatsApp is not ready (status: ${kind}).`, { key: 'errors.whatsappNotReady' });
  }

  private hasSession(): boolean {
    return fs.existsSync(path.join(this.profileDir, 'Default'));
  }

  private async restore(signal: AbortSignal): Promise<void> {
    for (const percent of [0, 50, 100]) {
      if (signal.aborted) return;
      this.events.setStatus({ kind: 'starting', percent, message: 'Loading chats' });
    }
    if (this.options.failAuth) {
      this.events.setStatus({ kind: 'auth_failure', message: 'The saved session could not be restored (simulated).' });
      this.run.abort();
      return;
    }
    this.events.setStatus({ kind: 'authenticated' });
    this.becomeReady(signal);
  }

  private becomeReady(signal: AbortSignal): void {
    if (signal.aborted) return;
    this.events.setStatus({ kind: 'ready', account: { ...this.account } });
    this.events.log('info', `Ready as ${maskNumber(this.account.number)}`);
    const after = this.options.disconnectAfterMs;
    // Once per run of the app: a demo that drops the line after every reconnect would never finish anything.
    if (after !== null && after !== undefined && !this.droppedOnce) {
      this.droppedOnce = true;
      void this.options.clock.sleep(after, signal).then(
        () => this.simulateDisconnect('Connection lost (simulated)'),
        () => undefined,
      );
    }
    const offlineAfter = this.options.offlineAfterMs;
    if (offlineAfter !== null && offlineAfter !== undefined && !this.offlineOnce) {
      this.offlineOnce = true;
      void this.options.clock.sleep(offlineAfter, signal).then(
        () => this.simulateOffline(this.options.offlineForMs ?? 15_000),
        () => undefined,
      );
    }
  }

  private async showQr(signal: AbortSignal): Promise<void> {
    this.qrText = `2@${randomBytes(24).toString('base64')},${randomBytes(16).toString('base64')}`;
    const qrDataUrl = await qrToDataUrl(this.qrText);
    if (!signal.aborted && (this.events.current.kind === 'starting' || this.events.current.kind === 'qr')) {
      this.events.setStatus({ kind: 'qr', qrDataUrl, qrText: this.qrText });
    }
  }

  private async rotateQr(signal: AbortSignal): Promise<void> {
    try {
      for (;;) {
        await this.options.clock.sleep(QR_ROTATE_MS, signal);
        if (this.events.current.kind !== 'qr') return;
        await this.showQr(signal);
      }
    } catch {
      // Aborted: the QR is no longer wanted.
    }
  }

  /** A few files where LocalAuth keeps its Chromium profile, so log out and wipe delete something real. */
  private async writeProfile(): Promise<void> {
    const profile = path.join(this.profileDir, 'Default');
    await fsp.mkdir(path.join(profile, 'Local Storage', 'leveldb'), { recursive: true });
    await fsp.mkdir(path.join(profile, 'IndexedDB', 'https_web.whatsapp.com_0.indexeddb.leveldb'), { recursive: true });
    await fsp.writeFile(path.join(profile, 'Preferences'), JSON.stringify({ simulated: true, account: this.account }));
    await fsp.writeFile(path.join(profile, 'Local Storage', 'leveldb', '000003.log'), 'simulated');
    await fsp.writeFile(path.join(profile, 'IndexedDB', 'https_web.whatsapp.com_0.indexeddb.leveldb', 'CURRENT'), 'MANIFEST-000001\n');
    await fsp.writeFile(path.join(this.profileDir, 'chrome_debug.log'), '');
  }
}

const digitsOf = (chatId: string): string => chatId.split('@')[0] ?? chatId;

async function appendSynced(file: string, text: string): Promise<void> {
  await fsp.mkdir(path.dirname(file), { recursive: true });
  const handle = await fsp.open(file, 'a');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
