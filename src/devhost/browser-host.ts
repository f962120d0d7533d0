import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FileRegistry } from '../platform/file-registry';
import type { IpcRouter } from '../ipc/router';
import type { Notifier } from '../ipc/notifier';
import { FilePurpose } from '../shared/contract/files';
import { errorMessage, fail, ok } from '../shared/result';

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

/**
 * A second transport for the same contract, for development and end-to-end tests where Electron cannot run:
 * it serves the built renderer and carries invokes and pushes over a WebSocket. It listens on 127.0.0.1 only,
 * and a call is accepted only from a page it served itself (Origin check plus an HttpOnly cookie token).
 */
export class BrowserHost {
  private readonly token = randomBytes(24).toString('base64url');
  private server: http.Server | null = null;
  private wss: WebSocketServer | null = null;
  private origin = '';

  constructor(private readonly options: BrowserHostOptions) {}

  /** The origin pages are served from; the router must trust it. */
  get url(): string {
    return this.origin;
  }

  async start(): Promise<string> {
    const server = http.createServer((req, res) => {
      this.handleHttp(req, res).catch((err) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`Host error: ${errorMessage(err)}`);
      });
    });
    const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
    server.on('upgrade', (req, socket, head) => {
      if (req.url !== '/ipc' || !this.isOwnPage(req)) {
        socket.write('HTTP/1.1 403 Forbidden\r\n\r\n');
        socket.destroy();
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => this.serveSocket(ws, req.headers.origin ?? ''));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.wss = wss;
    this.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.origin;
  }

  async stop(): Promise<void> {
    for (const client of this.wss?.clients ?? []) client.terminate();
    this.wss?.close();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections?.();
  }

  private isOwnPage(req: http.IncomingMessage): boolean {
    const cookie = req.headers.cookie ?? '';
    const hasToken = cookie.split(/;\s*/).includes(`wa_host=${this.token}`);
    return req.headers.origin === this.origin && hasToken;
  }

  private serveSocket(ws: WebSocket, origin: string): void {
    const removeSink = this.options.notifier.addSink({
      send: (channel, payload) => {
        if (ws.readyState !== ws.OPEN) throw new Error('closed');
        ws.send(JSON.stringify({ type: 'event', channel, payload }));
      },
    });
    ws.on('close', removeSink);
    ws.on('message', async (data) => {
      let msg: { type?: unknown; id?: unknown; channel?: unknown; payload?: unknown };
      try {
        msg = JSON.parse(String(data));
      } catch {
        return;
      }
      if (msg.type !== 'invoke' || typeof msg.id !== 'number') return;
      const result = await this.options.router.invoke(msg.channel, msg.payload, {
        sender: { url: origin, isMainFrame: true },
      });
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'result', id: msg.id, result }));
    });
  }

  private async handleHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    if (req.method === 'POST') {
      // Uploads and save targets are calls too: same origin and token rules as the WebSocket.
      if (!this.isOwnPage(req)) return this.json(res, 403, fail('forbidden', 'Not from the app page.'));
      if (url.pathname === '/upload') return this.upload(req, res, url);
      if (url.pathname === '/save-target') return this.saveTarget(res, url);
      return this.json(res, 404, fail('not_found', 'No such endpoint.'));
    }
    if (url.pathname.startsWith('/download/')) return this.download(req, res, url);
    return this.serveStatic(res, url.pathname);
  }

  private async upload(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const purpose = FilePurpose.safeParse(url.searchParams.get('purpose'));
    const name = path.basename(url.searchParams.get('name') ?? '').replace(/[^\w.\- ()]/g, '_') || 'upload';
    if (!purpose.success) return this.json(res, 400, fail('bad_request', 'Unknown upload purpose.'));
    const dir = path.join(this.options.tempDir, 'uploads', randomBytes(8).toString('hex'));
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const target = path.join(dir, name);
    await pipeline(req, createWriteStream(target));
    this.json(res, 200, ok(await this.options.files.register(target)));
  }

  private async saveTarget(res: http.ServerResponse, url: URL): Promise<void> {
    const name = path.basename(url.searchParams.get('name') ?? '').replace(/[^\w.\- ()]/g, '_') || 'export';
    const dir = path.join(this.options.tempDir, 'exports', randomBytes(8).toString('hex'));
    await mkdir(dir, { recursive: true, mode: 0o700 });
    this.json(res, 200, ok(this.options.files.registerTarget(path.join(dir, name))));
  }

  private async download(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    if (!(req.headers.cookie ?? '').includes(`wa_host=${this.token}`)) return void res.writeHead(403).end();
    let file: { path: string; name: string };
    try {
      file = this.options.files.resolve(decodeURIComponent(url.pathname.slice('/download/'.length)));
      await stat(file.path);
    } catch {
      return void res.writeHead(404).end('Not found');
    }
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename="${file.name.replace(/"/g, '')}"`,
    });
    await pipeline(createReadStream(file.path), res);
  }

  private async serveStatic(res: http.ServerResponse, pathname: string): Promise<void> {
    const root = path.resolve(this.options.rendererDir);
    const rel = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep)) return void res.writeHead(403).end();
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    const headers: http.OutgoingHttpHeaders = {
      'content-type': mime[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    };
    if (rel === 'index.html') {
      headers['set-cookie'] = `wa_host=${this.token}; HttpOnly; SameSite=Strict; Path=/`;
    }
    res.writeHead(200, headers);
    await pipeline(createReadStream(file), res);
  }

  private json(res: http.ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}
