import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSocket, request, startTestHost, type PageAccess, type TestHost } from './host-fixture';

let t: TestHost;
let page: PageAccess;

beforeEach(async () => {
  t = await startTestHost();
  page = await t.page();
});

afterEach(() => t.host.stop());

describe('BrowserHost', () => {
  it('listens on 127.0.0.1 only, and its page address carries a long random secret', () => {
    expect(t.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(page.base).toMatch(new RegExp(`^${t.origin}/[A-Za-z0-9_-]{43}/$`));
    expect(t.host.pageUrl).toBe(page.base);
  });

  it('serves the renderer under the secret path and never a file outside it', async () => {
    const index = await request(page.base);
    expect(index.body).toContain('<title>app</title>');
    expect(index.headers['referrer-policy']).toBe('no-referrer');
    expect(index.headers['x-frame-options']).toBe('DENY');
    expect((await request(`${page.base}index.html`)).status).toBe(200);
    expect((await request(`${page.base}..%2fsecret.txt`)).status).toBe(403);
    expect((await request(`${page.base}missing.js`)).status).toBe(404);
    // Without the trailing slash the page's relative URLs would miss the secret: redirected to it.
    const bare = await request(page.base.slice(0, -1));
    expect(bare.status).toBe(301);
    expect(bare.headers.location).toBe(new URL(page.base).pathname);
  });

  it('answers GET / and a wrong secret with how to open the app, and no page', async () => {
    for (const url of [`${t.origin}/`, `${t.origin}/index.html`, `${t.origin}/not-the-secret/`]) {
      const res = await request(url);
      expect(res.status).toBe(404);
      expect(res.body).toContain('Open the whole address');
      expect(res.body).not.toContain('<title>app</title>');
    }
  });

  it('carries invokes through the router and pushes events to the page', async () => {
    const ws = await openSocket(page.wsUrl, page.headers);
    const messages: unknown[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(String(d))));
    ws.send(JSON.stringify({ type: 'invoke', id: 7, channel: 'settings:update', payload: { logoutOnExit: true } }));
    ws.send(JSON.stringify({ type: 'invoke', id: 8, channel: 'nope', payload: null }));
    t.notifier.emit('wa:status', { kind: 'idle' });
    await expect.poll(() => messages.length).toBe(3);
    expect(messages).toContainEqual({
      type: 'result',
      id: 7,
      result: { ok: true, value: { channel: 'settings:update', req: { logoutOnExit: true } } },
    });
    expect(messages).toContainEqual(expect.objectContaining({ type: 'result', id: 8, result: expect.objectContaining({ ok: false }) }));
    expect(messages).toContainEqual({ type: 'event', channel: 'wa:status', payload: { kind: 'idle' } });
    ws.close();
    await expect.poll(() => t.notifier.sinkCount).toBe(0);
  });

  it('takes an upload from its own page and registers it as an opaque file reference', async () => {
    const res = await request(`${page.base}upload?purpose=contacts&name=../../a%20list.csv`, {
      method: 'POST',
      body: 'phone\n+971501234567\n',
      headers: page.headers,
    });
    const body = JSON.parse(res.body) as { ok: boolean; value: { id: string; name: string; size: number } };
    expect(body.ok).toBe(true);
    expect(body.value).toMatchObject({ name: 'a list.csv', size: 20 });
    const stored = t.files.resolve(body.value.id);
    expect(stored.path.startsWith(path.join(t.dir, 'tmp', 'uploads'))).toBe(true);
    expect(await readFile(stored.path, 'utf8')).toBe('phone\n+971501234567\n');
  });

  it('gives a save target and downloads what was written to it', async () => {
    const res = await request(`${page.base}save-target?name=report.csv`, { method: 'POST', headers: page.headers });
    const target = (JSON.parse(res.body) as { value: { id: string } }).value;
    expect((await request(`${page.base}download/${target.id}`)).status).toBe(404); // nothing written yet
    await writeFile(t.files.resolve(target.id).path, 'phone,status\n');
    const download = await request(`${page.base}download/${target.id}`);
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toBe('attachment; filename="report.csv"');
    expect(download.body).toBe('phone,status\n');
  });
});
