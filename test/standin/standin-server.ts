/**
 * The stand-in WhatsApp: an HTTPS server that answers for web.whatsapp.com (Chromium is pointed at it with
 * --host-resolver-rules and accepts its throwaway certificate) and plays WhatsApp's servers for the page in
 * ./page/whatsapp-web.js: pairing by QR, linked devices, number queries, chats with their history, acks,
 * incoming messages and socket states. Everything lives here, in the test process, so it outlives the browser.
 */
import { execFileSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export type KeyGeneration = 'legacy' | 'minified';

/** WhatsApp Web versions on either side of the July-2026 change of message keys. */
export const WEB_VERSION: Record<KeyGeneration, string> = { legacy: '2.3000.1041500000', minified: '2.3000.1042401057' };

export interface StandinOptions {
  generation: KeyGeneration;
  /** The operator's own number. */
  me?: string;
  pushname?: string;
}

export interface ServerMessage {
  chat: string;
  id: string;
  fromMe: boolean;
  body?: string;
  caption?: string;
  type: string;
  t: number;
  ack: number;
  directPath?: string;
  mimetype?: string;
}

export interface Recipient {
  /** The id queryWidExists answers: `<digits>@c.us`, or a `@lid` id for accounts WhatsApp addresses by LID. */
  answer: string;
  /** Opening a chat throws "No LID for user" this many more times. */
  noLidTimes: number;
  /** Highest ack the recipient's phone gives: 2 delivered (default), 3 read, 1 never delivered, -1 refused. */
  ackUpTo: number;
}

const PAGE_FILE = path.join(__dirname, 'page', 'whatsapp-web.js');
const HISTORY_PAGE = 5;

/** A certificate for web.whatsapp.com made for this run only; Chromium is told to accept it. */
function throwawayCertificate(): { key: Buffer; cert: Buffer } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'standin-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=web.whatsapp.com',
        '-addext',
        'subjectAltName=DNS:web.whatsapp.com',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return { key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export class StandinWhatsApp extends EventEmitter {
  readonly generation: KeyGeneration;
  readonly me: string;
  readonly lid: string;
  readonly pushname: string;
  /** digits -> how WhatsApp answers for that number; absent: not on WhatsApp. */
  readonly recipients = new Map<string, Recipient>();
  /** chat id -> every message of the chat, oldest first (WhatsApp's servers and the phone together). */
  readonly chats = new Map<string, ServerMessage[]>();
  readonly typing: Array<{ chat: string; state: string }> = [];
  readonly seen: string[] = [];
  /** Devices linked to the account (LocalAuth's profile holds the device id in its localStorage). */
  private readonly devices = new Set<string>();
  private socket: WebSocket | null = null;
  private socketDevice: string | null = null;
  private qrSeq = 0;
  private deviceSeq = 0;
  private state = 'CONNECTED';
  /** The next syncs stop at 100 % without finishing. */
  stallSync = false;
  /** sendSeen throws as it did for everyone in January 2026 (whatsapp-web.js #5718). */
  seenBroken = true;
  /** Recipients' phones hold their receipts until releaseAcks() (a phone that is slow or offline). */
  holdAcks = false;
  private readonly heldAcks: Array<() => void> = [];
  /** The User-Agent the browser sent with the last page load. */
  lastUserAgent = '';
  /** Media uploads wait for this before finishing (a slow video upload); null: at once. */
  uploadGate: Promise<void> | null = null;

  private constructor(
    options: StandinOptions,
    private readonly server: https.Server,
    private readonly wss: WebSocketServer,
  ) {
    super();
    this.generation = options.generation;
    this.me = options.me ?? '15550000001';
    this.lid = '90000000000001';
    this.pushname = options.pushname ?? 'Stand-in Shop';
  }

  static async start(options: StandinOptions): Promise<StandinWhatsApp> {
    const server = https.createServer(throwawayCertificate());
    const wss = new WebSocketServer({ noServer: true });
    const standin = new StandinWhatsApp(options, server, wss);
    server.on('request', (req, res) => standin.serve(req, res));
    server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => standin.accept(ws)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return standin;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Chromium flags that send web.whatsapp.com here and accept the throwaway certificate. */
  browserArgs(): string[] {
    return [`--host-resolver-rules=MAP web.whatsapp.com 127.0.0.1:${this.port}`, '--ignore-certificate-errors'];
  }

  /** A browser for `--browser`: Chromium with browserArgs(), exec'd so it keeps puppeteer's pipe and pid. */
  writeBrowserWrapper(dir: string, chromium = '/usr/bin/chromium'): string {
    const file = path.join(dir, 'chromium-standin.sh');
    const args = this.browserArgs()
      .map((a) => `'${a}'`)
      .join(' ');
    fs.writeFileSync(file, `#!/bin/sh\nexec ${chromium} ${args} "$@"\n`, { mode: 0o755 });
    return file;
  }

  register(digits: string, options: Partial<Recipient> = {}): void {
    this.recipients.set(digits, { answer: `${digits}@c.us`, noLidTimes: 0, ackUpTo: 2, ...options });
  }

  /** The QR the page shows was scanned by the phone: a new linked device. */
  scanQr(): void {
    const ws = this.socket;
    if (!ws || this.socketDevice) throw new Error('No page is showing a QR code');
    const device = `device-${++this.deviceSeq}`;
    this.devices.add(device);
    this.socketDevice = device;
    this.push({ t: 'paired', device, ...this.connectedPayload() });
  }

  /** WhatsApp rotates the QR about every 20 s. */
  rotateQr(): void {
    this.push({ t: 'qr', ref: this.nextRef() });
  }

  /** The phone removes this linked device. */
  unlinkPhone(): void {
    if (this.socketDevice) this.devices.delete(this.socketDevice);
    this.socketDevice = null;
    this.push({ t: 'unlinked' });
  }

  /** Phone or network gone (TIMEOUT), reconnecting (OPENING), back (CONNECTED). */
  setSocketState(state: string): void {
    this.state = state;
    this.push({ t: 'state', state });
    this.emit('state', state);
  }

  /** LID user -> phone digits, for contacts WhatsApp addresses by LID. */
  readonly lids = new Map<string, string>();

  /**
   * A contact writes to the operator; with `lid`, from their `@lid` chat (as WhatsApp does for contacts it addresses
   * by LID), and the page learns which number that LID is unless `hideNumber`.
   */
  receive(digits: string, body: string, options: { lid?: string; hideNumber?: boolean } = {}): ServerMessage {
    if (options.lid && !options.hideNumber) this.lids.set(options.lid, digits);
    const chat = options.lid ? `${options.lid}@lid` : `${digits}@c.us`;
    const message: ServerMessage = {
      chat,
      id: `IN${Date.now()}${Math.floor(Math.random() * 1e6)}`,
      fromMe: false,
      body,
      type: 'chat',
      t: Math.floor(Date.now() / 1000),
      ack: 0,
    };
    this.store(message);
    if (this.state === 'CONNECTED') this.push({ t: 'incoming', msg: message, lids: [...this.lids] });
    return message;
  }

  /** Every message the operator's account sent, across browser runs. */
  sentMessages(): ServerMessage[] {
    return [...this.chats.values()].flat().filter((m) => m.fromMe);
  }

  isConnected(): boolean {
    return this.socket !== null;
  }

  linkedDevices(): number {
    return this.devices.size;
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private serve(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): void {
    const url = new URL(req.url ?? '/', 'https://web.whatsapp.com');
    if (url.pathname === '/standin/whatsapp-web.js') {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
      res.end(fs.readFileSync(PAGE_FILE));
      return;
    }
    if (url.pathname === '/') {
      this.lastUserAgent = String(req.headers['user-agent'] ?? '');
      const config = JSON.stringify({ generation: this.generation, version: WEB_VERSION[this.generation] });
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(
        `<!doctype html><html><head><meta charset="utf-8"><title>WhatsApp</title><script>window.__STANDIN__=${config}</script><script src="/standin/whatsapp-web.js"></script></head><body><div id="app"></div></body></html>`,
      );
      return;
    }
    res.writeHead(404).end();
  }

  private accept(ws: WebSocket): void {
    // One WhatsApp Web tab at a time, as WhatsApp itself allows.
    this.socket?.terminate();
    this.socket = ws;
    this.socketDevice = null;
    ws.on('close', () => {
      if (this.socket !== ws) return;
      this.socket = null;
      this.socketDevice = null;
      this.emit('page-closed');
    });
    ws.on('message', (data) => {
      if (this.socket !== ws) return;
      void this.handle(ws, JSON.parse(String(data)));
    });
  }

  private async handle(
    ws: WebSocket,
    message: { t: string; id?: number; method?: string; args?: any; device?: string | null; event?: string; data?: unknown },
  ): Promise<void> {
    if (message.t === 'hello') return this.hello(message.device ?? null);
    if (message.t === 'event') {
      this.emit(message.event!, message.data);
      return;
    }
    if (message.t !== 'rpc') return;
    try {
      const result = await this.call(message.method!, message.args);
      ws.send(JSON.stringify({ t: 'res', id: message.id, result: result ?? null }));
    } catch (err) {
      ws.send(JSON.stringify({ t: 'res', id: message.id, error: err instanceof Error ? err.message : String(err) }));
    }
  }

  private hello(device: string | null): void {
    if (device && this.devices.has(device)) {
      this.socketDevice = device;
      this.push({ t: 'connected', ...this.connectedPayload() });
      this.emit('restored', device);
    } else {
      this.push({ t: 'unpaired', ref: this.nextRef() });
      this.emit('qr');
    }
  }

  private connectedPayload() {
    const history = [...this.chats.values()].flatMap((messages) => messages.slice(-HISTORY_PAGE));
    const stallSync = this.stallSync;
    return { me: this.me, lid: this.lid, pushname: this.pushname, history, stallSync, lids: [...this.lids] };
  }

  private async call(method: string, args: any): Promise<unknown> {
    if (!this.socketDevice && method !== 'refreshQR') throw new Error('not logged in');
    switch (method) {
      case 'queryExists':
        return this.recipients.get(String(args.number))?.answer ?? null;
      case 'openChat':
        return this.openChat(String(args.chat));
      case 'send':
        return this.accepted(args.msg);
      case 'history':
        return this.history(String(args.chat), args.before as string | null);
      case 'chatstate':
        this.typing.push({ chat: String(args.chat), state: String(args.state) });
        this.emit('chatstate', args);
        return true;
      case 'seen':
        this.seen.push(String(args.chat));
        return this.seenBroken ? { error: "Cannot read properties of undefined (reading 'markedUnread')" } : true;
      case 'upload':
        if (this.uploadGate) await this.uploadGate;
        return { url: 'https://mmg.whatsapp.net/standin', directPath: `/v/standin/${Date.now()}` };
      case 'logout':
        if (this.socketDevice) this.devices.delete(this.socketDevice);
        this.socketDevice = null;
        this.emit('logged-out');
        return true;
      case 'refreshQR':
        this.rotateQr();
        return true;
      default:
        throw new Error(`unknown method ${method}`);
    }
  }

  private openChat(chat: string): { error?: string } {
    const recipient = [...this.recipients.values()].find((r) => r.answer === chat);
    if (recipient && recipient.noLidTimes > 0) {
      recipient.noLidTimes -= 1;
      return { error: 'No LID for user' };
    }
    return {};
  }

  /** The server took the message (ack 1); the recipient's phone acks later, as far as it goes. */
  private accepted(wire: Omit<ServerMessage, 'fromMe' | 'ack'>): { ack: number } {
    const message: ServerMessage = { ...wire, fromMe: true, ack: 1 };
    this.store(message);
    this.emit('sent', message);
    const digits = message.chat.split('@')[0]!;
    const recipient = [...this.recipients.entries()].find(([d, r]) => d === digits || r.answer === message.chat)?.[1];
    const upTo = recipient?.ackUpTo ?? 1;
    const acknowledge = () => {
      for (let ack = 2; ack <= upTo; ack++) this.setAck(message, ack);
      if (upTo === -1) this.setAck(message, -1);
    };
    if (this.holdAcks) this.heldAcks.push(acknowledge);
    else setImmediate(acknowledge);
    return { ack: 1 };
  }

  /** The held receipts arrive now (to the page if one is connected; otherwise they wait in the chats' history). */
  releaseAcks(): void {
    this.holdAcks = false;
    for (const acknowledge of this.heldAcks.splice(0)) acknowledge();
  }

  /** Acks reach the page only while it is connected; a page loaded later sees them in its history. */
  setAck(message: ServerMessage, ack: number): void {
    message.ack = ack;
    const key = `true_${message.chat}_${message.id}`;
    if (this.state === 'CONNECTED') this.push({ t: 'ack', key, ack });
    this.emit('ack', { key, ack });
  }

  /** The page of messages just before the one with id `before` (the latest page when null). */
  private history(chat: string, before: string | null): ServerMessage[] {
    const messages = this.chats.get(chat) ?? [];
    const end =
      before === null
        ? messages.length
        : Math.max(
            0,
            messages.findIndex((m) => m.id === before),
          );
    return messages.slice(Math.max(0, end - HISTORY_PAGE), end);
  }

  private store(message: ServerMessage): void {
    const list = this.chats.get(message.chat) ?? [];
    list.push(message);
    this.chats.set(message.chat, list);
  }

  private nextRef(): string {
    return `2@standin-ref-${++this.qrSeq}`;
  }

  private push(message: Record<string, unknown>): void {
    this.socket?.send(JSON.stringify(message));
  }
}
