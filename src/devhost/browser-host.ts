import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { FileRegistry } from '../platform/file-registry';
import type { IpcRouter } from '../ipc/router';
import type { Notifier } from '../ipc/notifier';
import { FilePurpose } from '../shared/contract/files';
import { errorMessage, fail, ok, type Result } from '../shared/result';
import { MAX_IPC_MESSAGE_BYTES } from '../shared/transport-limits';
import { browserHostRefusal, parseEnvelope, type InvokeEnvelope } from './envelope';
import { RefusalLog } from './refusal-log';

export interface BrowserHostOptions {
  /** The built renderer (out/renderer). */
  rendererDir: string;
  router: IpcRouter;
  notifier: Notifier;
  files: FileRegistry;
  /** Uploads and exports are kept here. */
  tempDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Largest WebSocket message in bytes; the shared transport limit unless a test lowers it. */
  maxMessageBytes?: number;
  /** The secret in the page's address (43 base64url characters); a random one for this run when absent. */
  secret?: string;
  /** Refused requests and connections closed for a bad frame: said where the operator looks, never silent. */
  log?: (level: 'warn' | 'error', message: string) => void;
}

const mime: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
  '.json': 'application/json',
};

/** On every response: nothing cached, sniffed or framed, and the secret path never sent on as a Referer. */
const baseHeaders: http.OutgoingHttpHeaders = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

const ENDPOINTS = new Set(['ipc', 'upload', 'save-target', 'download']);

/** A request's path split at the secret: `/SECRET/assets/a.js` -> secret "SECRET", rest ["assets", "a.js"]. */
interface Target {
  secret: string;
  rest: string[];
  query: URLSearchParams;
}

function splitTarget(reqUrl: string | undefined): Target {
  // Split by hand: new URL('//x', base) would read "x" as a host name.
  const [pathname = '/', query = ''] = (reqUrl ?? '/').split('?', 2);
  const [secret = '', ...rest] = pathname.split('/').slice(1);
  return { secret, rest, query: new URLSearchParams(query) };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * A second transport for the same contract, for development and end-to-end tests where Electron cannot run:
 * it serves the built renderer and carries invokes and pushes over a WebSocket. It listens on 127.0.0.1 only.
 *
 * Only the page the host served may call it (issue 13): the app lives under a random secret path that only the
 * printed address carries (`http://127.0.0.1:PORT/SECRET/`); the socket, uploads and downloads are under it too,
 * so the page reaches them by relative URLs and nothing hands the secret to whoever asks. Every request must name
 * this host in its Host header (DNS rebinding), and calls must come from the page's own Origin.
 */
export class BrowserHost {
  private readonly secret: string;
  private readonly secretDigest: Buffer;
  private server: http.Server | null = null;
  private wss: WebSocketServer | null = null;
  private origin = '';
  private allowedHosts: string[] = [];
  private readonly refusals: RefusalLog;

  constructor(private readonly options: BrowserHostOptions) {
    this.secret = options.secret ?? randomBytes(32).toString('base64url');
    this.secretDigest = sha256(this.secret);
    this.refusals = new RefusalLog((message) => this.log('warn', message));
  }

  /** http://127.0.0.1:PORT, the canonical origin. */
  get url(): string {
    return this.origin;
  }

  /** Both origins the page may be opened from (127.0.0.1 and localhost): the router must trust them. */
  get origins(): string[] {
    return this.allowedHosts.map((h) => `http://${h}`);
  }

  /** The address to open, secret included. */
  get pageUrl(): string {
    return `${this.origin}/${this.secret}/`;
  }

  /** Listens, and returns the page's address (secret included). */
  async start(): Promise<string> {
    const server = http.createServer((req, res) => {
      this.handleHttp(req, res).catch((err) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain', ...baseHeaders });
        res.end(`Host error: ${errorMessage(err)}`);
      });
    });
    const wss = new WebSocketServer({ noServer: true, maxPayload: this.options.maxMessageBytes ?? MAX_IPC_MESSAGE_BYTES });
    wss.on('error', (err) => this.log('error', `The browser host's WebSocket server failed: ${err.message}`));
    server.on('upgrade', (req, socket, head) => this.upgrade(wss, req, socket, head));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.wss = wss;
    const port = (server.address() as AddressInfo).port;
    this.allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    this.origin = `http://127.0.0.1:${port}`;
    return this.pageUrl;
  }

  async stop(): Promise<void> {
    for (const client of this.wss?.clients ?? []) client.terminate();
    this.wss?.close();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections?.();
  }

  private log(level: 'warn' | 'error', message: string): void {
    this.options.log?.(level, message);
  }

  private isSecret(candidate: string): boolean {
    // Digests are equal-length, so the comparison takes the same time whatever the candidate's length.
    return timingSafeEqual(sha256(candidate), this.secretDigest);
  }

  /** Why a call (socket, upload, download) is refused, or null when it comes from the app's own page. */
  private refusal(req: http.IncomingMessage, target: Target, needOrigin: boolean): string | null {
    const host = req.headers.host ?? '';
    if (!this.allowedHosts.includes(host)) return `its Host header (${JSON.stringify(host.slice(0, 100))}) is not this host's`;
    if (!this.isSecret(target.secret)) return 'it does not carry the secret of the address the host printed';
    const origin = req.headers.origin;
    // The page's own origin is the one it was loaded from; anything else is another site, or no browser at all.
    if (needOrigin ? origin !== `http://${host}` : origin !== undefined && origin !== `http://${host}`) {
      return `it comes from another origin (${JSON.stringify(String(origin).slice(0, 100))})`;
    }
    return null;
  }

  private upgrade(wss: WebSocketServer, req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy()); // a client gone mid-handshake must not take the host with it
    const target = splitTarget(req.url);
    const why = target.rest.join('/') !== 'ipc' ? 'it is not the app socket' : this.refusal(req, target, true);
    if (why) {
      this.refusals.refused(`Refused a WebSocket connection: ${why}.`);
      socket.once('finish', () => socket.destroy());
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => this.serveSocket(ws, req.headers.origin!));
  }

  private serveSocket(ws: WebSocket, origin: string): void {
    const removeSink = this.options.notifier.addSink({
      send: (channel, payload) => {
        if (ws.readyState !== ws.OPEN) throw new Error('closed');
        ws.send(JSON.stringify({ type: 'event', channel, payload }));
      },
    });
    ws.on('close', removeSink);
    // A bad frame (invalid UTF-8, unmasked, a reserved opcode, over the size limit): `ws` has already closed this
    // socket with the matching code; without this listener the error would end the whole process.
    ws.on('error', (err) => this.log('warn', `The browser host closed a connection: ${err.message}`));
    ws.on('message', (data, isBinary) => void this.onMessage(ws, origin, data, isBinary));
  }

  private async onMessage(ws: WebSocket, origin: string, data: RawData, isBinary: boolean): Promise<void> {
    const parsed = isBinary ? ({ ok: false, reason: 'binary frame' } as const) : parseEnvelope(String(data));
    if (!parsed.ok) {
      this.log('warn', `The browser host closed a connection: malformed message (${parsed.reason}).`);
      ws.close(isBinary ? 1003 : 1008, `Malformed message: ${parsed.reason}`);
      return;
    }
    const { id, channel } = parsed.value;
    const result = await this.call(parsed.value, origin);
    let reply: string;
    try {
      reply = JSON.stringify({ type: 'result', id, result });
    } catch (err) {
      // A reply that cannot be written as JSON is still an answer: the page must not wait for it forever.
      reply = JSON.stringify({ type: 'result', id, result: fail('internal', `${String(channel).slice(0, 80)}: ${errorMessage(err)}`) });
    }
    if (ws.readyState === ws.OPEN) ws.send(reply);
  }

  private async call(msg: InvokeEnvelope, origin: string): Promise<Result<unknown>> {
    const refused = browserHostRefusal(msg.channel, msg.payload);
    if (refused) {
      this.log('warn', `Refused ${String(msg.channel)}: ${refused}`);
      return fail('forbidden', refused);
    }
    try {
      return await this.options.router.invoke(msg.channel, msg.payload, { sender: { url: origin, isMainFrame: true } });
    } catch (err) {
      this.log('error', `${String(msg.channel).slice(0, 80)} failed: ${errorMessage(err)}`);
      return fail('internal', `${String(msg.channel).slice(0, 80)} failed: ${errorMessage(err)}`);
    }
  }

  private async handleHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (!this.allowedHosts.includes(host)) {
      this.refusals.refused(`Refused ${req.method} request: its Host header (${JSON.stringify(host.slice(0, 100))}) is not this host's.`);
      return this.text(res, 403, 'Refused: this is not the host named in the request (Host header).');
    }
    const target = splitTarget(req.url);
    const endpoint = target.rest[0] ?? '';
    if (req.method === 'POST' || ENDPOINTS.has(endpoint) || ENDPOINTS.has(target.secret)) return this.handleCall(req, res, target);
    if (!this.isSecret(target.secret)) {
      return this.text(res, 404, 'Open the whole address the browser host printed when it started (http://127.0.0.1:PORT/…/).');
    }
    // The page's relative URLs (./assets/…) need the trailing slash.
    if (target.rest.length === 0) return void res.writeHead(301, { location: `/${this.secret}/`, ...baseHeaders }).end();
    return this.serveStatic(res, target.rest.join('/'));
  }

  /** Uploads, save targets and downloads are calls too: the same Host, secret and Origin rules as the socket. */
  private async handleCall(req: http.IncomingMessage, res: http.ServerResponse, target: Target): Promise<void> {
    const name = `${req.method} /${target.rest[0] ?? target.secret}`;
    const why = this.refusal(req, target, req.method === 'POST');
    if (why) {
      this.refusals.refused(`Refused ${name}: ${why}.`);
      return this.json(res, 403, fail('forbidden', 'Not from the app page.'));
    }
    const [endpoint, ...more] = target.rest;
    if (req.method === 'POST' && endpoint === 'upload' && more.length === 0) return this.upload(req, res, target.query);
    if (req.method === 'POST' && endpoint === 'save-target' && more.length === 0) return this.saveTarget(res, target.query);
    if (req.method === 'GET' && endpoint === 'download' && more.length === 1) return this.download(res, more[0]!);
    return this.json(res, 404, fail('not_found', 'No such endpoint.'));
  }

  private async upload(req: http.IncomingMessage, res: http.ServerResponse, query: URLSearchParams): Promise<void> {
    const purpose = FilePurpose.safeParse(query.get('purpose'));
    const name = path.basename(query.get('name') ?? '').replace(/[^\w.\- ()]/g, '_') || 'upload';
    if (!purpose.success) return this.json(res, 400, fail('bad_request', 'Unknown upload purpose.'));
    const dir = path.join(this.options.tempDir, 'uploads', randomBytes(8).toString('hex'));
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const target = path.join(dir, name);
    await pipeline(req, createWriteStream(target));
    this.json(res, 200, ok(await this.options.files.register(target)));
  }

  private async saveTarget(res: http.ServerResponse, query: URLSearchParams): Promise<void> {
    const name = path.basename(query.get('name') ?? '').replace(/[^\w.\- ()]/g, '_') || 'export';
    const dir = path.join(this.options.tempDir, 'exports', randomBytes(8).toString('hex'));
    await mkdir(dir, { recursive: true, mode: 0o700 });
    this.json(res, 200, ok(this.options.files.registerTarget(path.join(dir, name))));
  }

  private async download(res: http.ServerResponse, encodedId: string): Promise<void> {
    let file: { path: string; name: string };
    try {
      file = this.options.files.resolve(decodeURIComponent(encodedId));
      await stat(file.path);
    } catch {
      return this.text(res, 404, 'Not found');
    }
    res.writeHead(200, {
      ...baseHeaders,
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename="${file.name.replace(/["\r\n]/g, '')}"`,
    });
    await pipeline(createReadStream(file.path), res);
  }

  private async serveStatic(res: http.ServerResponse, relPath: string): Promise<void> {
    const root = path.resolve(this.options.rendererDir);
    let rel: string;
    try {
      rel = relPath === '' ? 'index.html' : decodeURIComponent(relPath);
    } catch {
      return this.text(res, 400, 'Bad path');
    }
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep)) return this.text(res, 403, 'Forbidden');
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return this.text(res, 404, 'Not found');
    res.writeHead(200, { ...baseHeaders, 'content-type': mime[path.extname(file)] ?? 'application/octet-stream' });
    await pipeline(createReadStream(file), res);
  }

  private text(res: http.ServerResponse, status: number, body: string): void {
    res.writeHead(status, { ...baseHeaders, 'content-type': 'text/plain; charset=utf-8' }).end(body);
  }

  private json(res: http.ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { ...baseHeaders, 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}
