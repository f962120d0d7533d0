import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { BrowserHost } from '../../../src/devhost/browser-host';
import { Notifier } from '../../../src/ipc/notifier';
import { IpcRouter, type HandlerMap } from '../../../src/ipc/router';
import { FileRegistry } from '../../../src/platform/file-registry';
import { invokeContract } from '../../../src/shared/contract';

let host: BrowserHost;
let origin: string;
let notifier: Notifier;
let files: FileRegistry;
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'host-test-'));
  await mkdir(path.join(dir, 'renderer'));
  await writeFile(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(path.join(dir, 'secret.txt'), 'outside the renderer folder');
  const handlers = Object.fromEntries(
    Object.keys(invokeContract).map((c) => [c, (req: unknown) => ({ channel: c, req })]),
  ) as unknown as HandlerMap;
  notifier = new Notifier({ flushIntervalMs: 5 });
  files = new FileRegistry();
  // The router trusts the host's origin, which is known only once it listens: resolve it lazily.
  const trusted: string[] = [];
  host = new BrowserHost({
    rendererDir: path.join(dir, 'renderer'),
    router: new IpcRouter(handlers, { trustedOrigins: trusted }),
    notifier,
    files,
    tempDir: path.join(dir, 'tmp'),
  });
  origin = await host.start();
  trusted.push(origin);
});

afterEach(() => host.stop());

async function pageCookie(): Promise<string> {
  const res = await fetch(`${origin}/`);
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

function openSocket(headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${origin.replace('http', 'ws')}/ipc`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

describe('BrowserHost', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves the renderer and never a file outside it', async () => {
    expect(await (await fetch(`${origin}/index.html`)).text()).toContain('<title>app</title>');
    expect((await fetch(`${origin}/..%2fsecret.txt`)).status).toBe(403);
    expect((await fetch(`${origin}/missing.js`)).status).toBe(404);
  });

  it('refuses a socket without the page cookie or from another origin', async () => {
    const cookie = await pageCookie();
    await expect(openSocket({ origin })).rejects.toThrow('HTTP 403');
    await expect(openSocket({ origin: 'http://evil.example', cookie })).rejects.toThrow('HTTP 403');
    await expect(openSocket({ origin, cookie: 'wa_host=guess' })).rejects.toThrow('HTTP 403');
  });

  it('carries invokes through the router and pushes events to the page', async () => {
    const ws = await openSocket({ origin, cookie: await pageCookie() });
    const messages: unknown[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(String(d))));
    ws.send(JSON.stringify({ type: 'invoke', id: 7, channel: 'settings:update', payload: { logoutOnExit: true } }));
    ws.send(JSON.stringify({ type: 'invoke', id: 8, channel: 'nope', payload: null }));
    notifier.emit('wa:status', { kind: 'idle' });
    await expect.poll(() => messages.length).toBe(3);
    expect(messages).toContainEqual({
      type: 'result',
      id: 7,
      result: { ok: true, value: { channel: 'settings:update', req: { logoutOnExit: true } } },
    });
    expect(messages).toContainEqual(expect.objectContaining({ type: 'result', id: 8, result: expect.objectContaining({ ok: false }) }));
    expect(messages).toContainEqual({ type: 'event', channel: 'wa:status', payload: { kind: 'idle' } });
    ws.close();
    await expect.poll(() => notifier.sinkCount).toBe(0);
  });

  it('takes an upload from its own page only and registers it as an opaque file reference', async () => {
    const refused = await fetch(`${origin}/upload?purpose=contacts&name=a.csv`, { method: 'POST', body: 'x' });
    expect(refused.status).toBe(403);
    const cookie = await pageCookie();
    const res = await fetch(`${origin}/upload?purpose=contacts&name=../../a%20list.csv`, {
      method: 'POST',
      body: 'phone\n+971501234567\n',
      headers: { cookie, origin },
    });
    const body = (await res.json()) as { ok: boolean; value: { id: string; name: string; size: number } };
    expect(body.ok).toBe(true);
    expect(body.value).toMatchObject({ name: 'a list.csv', size: 20 });
    const stored = files.resolve(body.value.id);
    expect(stored.path.startsWith(path.join(dir, 'tmp', 'uploads'))).toBe(true);
    expect(await readFile(stored.path, 'utf8')).toBe('phone\n+971501234567\n');
  });
});
