import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { BrowserHost, type BrowserHostOptions } from '../../../src/devhost/browser-host';
import { Notifier } from '../../../src/ipc/notifier';
import { IpcRouter, type HandlerMap } from '../../../src/ipc/router';
import { FileRegistry } from '../../../src/platform/file-registry';
import { invokeContract } from '../../../src/shared/contract';

/** A browser host in this process, with handlers that echo their request and record each call. */
export interface TestHost {
  host: BrowserHost;
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  notifier: Notifier;
  files: FileRegistry;
  dir: string;
  calls: Array<{ channel: string; req: unknown }>;
  logs: string[];
  /** What the host's own page uses: the socket URL, the headers its browser sends, the base of its requests. */
  page(): Promise<PageAccess>;
}

export interface PageAccess {
  wsUrl: string;
  headers: Record<string, string>;
  /** The page's own URL (ends in /): uploads and downloads are relative to it. */
  base: string;
}

export async function startTestHost(options: Partial<BrowserHostOptions> = {}): Promise<TestHost> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'host-test-'));
  await mkdir(path.join(dir, 'renderer'));
  await writeFile(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(path.join(dir, 'secret.txt'), 'outside the renderer folder');
  const calls: TestHost['calls'] = [];
  const handlers = Object.fromEntries(
    Object.keys(invokeContract).map((c) => [
      c,
      (req: unknown) => {
        calls.push({ channel: c, req });
        return { channel: c, req };
      },
    ]),
  ) as unknown as HandlerMap;
  const notifier = new Notifier({ flushIntervalMs: 5 });
  const files = new FileRegistry();
  const logs: string[] = [];
  // The router trusts the host's origins, which are known only once it listens: filled in below.
  const trusted: string[] = [];
  const host = new BrowserHost({
    rendererDir: path.join(dir, 'renderer'),
    router: new IpcRouter(handlers, { trustedOrigins: trusted }),
    notifier,
    files,
    tempDir: path.join(dir, 'tmp'),
    log: (level, message) => logs.push(`${level}: ${message}`),
    ...options,
  });
  const pageUrl = await host.start();
  trusted.push(...host.origins);
  const origin = host.url;
  return {
    host,
    origin,
    port: Number(new URL(origin).port),
    notifier,
    files,
    dir,
    calls,
    logs,
    page: async () => ({ wsUrl: `${pageUrl.replace(/^http/, 'ws')}ipc`, headers: { origin }, base: pageUrl }),
  };
}

/** Opens a `ws` client; rejects with "HTTP <status>" when the host refuses the handshake. */
export function openSocket(url: string, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** A plain HTTP request with any headers, Host included (fetch will not forge Host). */
export function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Sends one invoke and waits for its result. */
export function invokeOver(ws: WebSocket, id: number, channel: string, payload: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const msg = JSON.parse(String(data)) as { type: string; id?: number; result?: unknown };
      if (msg.type === 'result' && msg.id === id) {
        ws.off('message', onMessage);
        resolve(msg.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ type: 'invoke', id, channel, payload }));
  });
}

/** A raw TCP client that completes a WebSocket handshake itself, so a test can send frames no client library would. */
export interface RawSocket {
  socket: net.Socket;
  /** Everything received after the handshake. */
  received(): Buffer;
  /** Resolves when the host has closed the TCP connection. */
  closed: Promise<void>;
}

export async function rawUpgrade(port: number, pathname: string, headers: Record<string, string>): Promise<RawSocket> {
  const socket = net.connect(port, '127.0.0.1');
  let buffered = Buffer.alloc(0);
  let afterHandshake = -1;
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    socket.on('data', (d: Buffer) => {
      buffered = Buffer.concat([buffered, d]);
      if (afterHandshake < 0) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end < 0) return;
        afterHandshake = end + 4;
        const status = buffered.subarray(0, buffered.indexOf('\r\n')).toString();
        if (status.includes(' 101 ')) resolve();
        else reject(new Error(status));
      }
    });
    socket.once('close', () => reject(new Error('closed during the handshake')));
    const lines = [
      `GET ${pathname} HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Version: 13',
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    ];
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  });
  return { socket, received: () => buffered.subarray(afterHandshake), closed };
}

/** A client frame: FIN set, the given opcode, masked unless told otherwise. */
export function clientFrame(opcode: number, payload: Buffer, masked = true): Buffer {
  const mask = Buffer.from([0x11, 0x22, 0x33, 0x44]);
  const len = payload.length;
  const header =
    len < 126
      ? Buffer.from([0x80 | opcode, (masked ? 0x80 : 0) | len])
      : Buffer.from([0x80 | opcode, (masked ? 0x80 : 0) | 126, len >> 8, len & 0xff]);
  const body = masked ? Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!)) : payload;
  return Buffer.concat(masked ? [header, mask, body] : [header, body]);
}

/** A 14-byte frame header (64-bit length, mask) announcing `length` bytes of text that never come. */
export function hugeHeader(length: bigint): Buffer {
  const header = Buffer.alloc(14);
  header[0] = 0x81;
  header[1] = 0x80 | 127;
  header.writeBigUInt64BE(length, 2);
  header.writeUInt32BE(0x11223344, 10);
  return header;
}

/** The status code of the close frame the host sent, if it sent one. */
export function closeCode(received: Buffer): number | null {
  const at = received.indexOf(0x88);
  return at >= 0 && received.length >= at + 4 ? received.readUInt16BE(at + 2) : null;
}
