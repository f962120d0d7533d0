import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { invokeOver, openSocket, request, startTestHost, type TestHost } from './host-fixture';

// Issue 13, point 1: only the page the host served may call it. A local process (or another OS user) can do
// anything a raw HTTP client can: GET any path, set any Origin and Host, open the socket with what it got.

let t: TestHost;

beforeEach(async () => {
  t = await startTestHost();
});

afterEach(() => t.host.stop());

/** What a local process learns from the host without being told the printed URL. */
async function whatGetSlashHands(): Promise<{ cookie: string | null; body: string }> {
  const res = await request(`${t.origin}/`);
  const setCookie = res.headers['set-cookie']?.[0];
  return { cookie: setCookie ? setCookie.split(';')[0]! : null, body: res.body };
}

describe('browser host: who can call it', () => {
  it('hands no credential to whoever asks for GET /', async () => {
    const { cookie, body } = await whatGetSlashHands();
    expect(cookie).toBeNull();
    const page = await t.page();
    const secret = new URL(page.base).pathname.split('/')[1]!;
    expect(body).not.toContain(secret);
  });

  it('refuses a forged client: the page Origin and whatever GET / gave do not open the socket', async () => {
    const { cookie } = await whatGetSlashHands();
    const forged = { origin: t.origin, ...(cookie ? { cookie } : {}) };
    const wsOrigin = t.origin.replace('http', 'ws');
    for (const url of [`${wsOrigin}/ipc`, `${wsOrigin}//ipc`, `${wsOrigin}/x/ipc`]) {
      await expect(openSocket(url, forged)).rejects.toThrow('HTTP 403');
    }
    expect(t.calls).toEqual([]);
    expect(t.logs.some((l) => l.includes('Refused'))).toBe(true);
  });

  it('refuses a token that is nearly right: one character changed, or one too many', async () => {
    const page = await t.page();
    const secret = new URL(page.base).pathname.split('/')[1]!;
    const flipped = secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A');
    const wsOrigin = t.origin.replace('http', 'ws');
    await expect(openSocket(`${wsOrigin}/${flipped}/ipc`, page.headers)).rejects.toThrow('HTTP 403');
    await expect(openSocket(`${wsOrigin}/${secret}A/ipc`, page.headers)).rejects.toThrow('HTTP 403');
    await expect(openSocket(`${wsOrigin}/${secret.slice(1)}/ipc`, page.headers)).rejects.toThrow('HTTP 403');
  });

  it('opens the socket for its own page, from 127.0.0.1 or localhost', async () => {
    const page = await t.page();
    const ws = await openSocket(page.wsUrl, page.headers);
    expect(await invokeOver(ws, 1, 'settings:get', undefined)).toMatchObject({ ok: true });
    ws.close();
    const local = `http://localhost:${t.port}`;
    const viaLocalhost = await openSocket(page.wsUrl, { origin: local, host: `localhost:${t.port}` });
    expect(await invokeOver(viaLocalhost, 2, 'settings:get', undefined)).toMatchObject({ ok: true });
    viaLocalhost.close();
  });

  it('refuses a socket from another origin, even with the secret', async () => {
    const page = await t.page();
    for (const origin of ['http://evil.example', `http://127.0.0.1:${t.port + 1}`, 'null', `https://127.0.0.1:${t.port}`]) {
      await expect(openSocket(page.wsUrl, { origin })).rejects.toThrow('HTTP 403');
    }
    await expect(openSocket(page.wsUrl, {})).rejects.toThrow('HTTP 403');
    // Origin must match the Host the page was loaded from.
    await expect(openSocket(page.wsUrl, { origin: `http://localhost:${t.port}` })).rejects.toThrow('HTTP 403');
  });

  it('refuses a wrong Host header (DNS rebinding), on pages, the socket, uploads and downloads', async () => {
    const page = await t.page();
    const evil = { host: `evil.example:${t.port}` };
    expect((await request(page.base, { headers: evil })).status).toBe(403);
    expect((await request(`${t.origin}/`, { headers: evil })).status).toBe(403);
    expect((await request(page.base, { headers: { host: `127.0.0.1:${t.port + 1}` } })).status).toBe(403);
    await expect(openSocket(page.wsUrl, { ...page.headers, ...evil, origin: `http://evil.example:${t.port}` })).rejects.toThrow('HTTP 403');
    await expect(openSocket(page.wsUrl, { ...page.headers, ...evil })).rejects.toThrow('HTTP 403');
    const upload = await request(`${page.base}upload?purpose=contacts&name=a.csv`, {
      method: 'POST',
      headers: { ...page.headers, ...evil },
      body: 'x',
    });
    expect(upload.status).toBe(403);
    const target = t.files.registerTarget(`${t.dir}/secret.txt`);
    expect((await request(`${page.base}download/${target.id}`, { headers: evil })).status).toBe(403);
    expect(t.logs.some((l) => l.includes('Host'))).toBe(true);
  });

  it('takes an upload only with the secret: not with what GET / gave', async () => {
    const { cookie } = await whatGetSlashHands();
    const forged = { origin: t.origin, ...(cookie ? { cookie } : {}) };
    for (const url of [`${t.origin}/upload`, `${t.origin}/wrong-secret/upload`]) {
      const res = await request(`${url}?purpose=contacts&name=a.csv`, { method: 'POST', headers: forged, body: 'x' });
      expect(res.status).toBe(403);
      const saved = await request(`${url.replace('upload', 'save-target')}?name=a.csv`, { method: 'POST', headers: forged });
      expect(saved.status).toBe(403);
    }
    const page = await t.page();
    const own = await request(`${page.base}upload?purpose=contacts&name=a.csv`, { method: 'POST', headers: page.headers, body: 'x' });
    expect(own.status).toBe(200);
  });

  it('hands a download only with the secret', async () => {
    const { cookie } = await whatGetSlashHands();
    const target = t.files.registerTarget(`${t.dir}/secret.txt`);
    for (const url of [`${t.origin}/download/${target.id}`, `${t.origin}/wrong-secret/download/${target.id}`]) {
      const res = await request(url, { headers: cookie ? { cookie } : {} });
      expect(res.status).toBe(403);
      expect(res.body).not.toContain('outside the renderer folder');
    }
    const page = await t.page();
    const own = await request(`${page.base}download/${target.id}`);
    expect(own.status).toBe(200);
    expect(own.body).toBe('outside the renderer folder');
  });

  it('refuses a browser path from the page: it comes from the command line or the environment only', async () => {
    const page = await t.page();
    const ws = await openSocket(page.wsUrl, page.headers);
    const refused = (await invokeOver(ws, 1, 'settings:update', { browserPath: '/bin/sh' })) as {
      ok: boolean;
      error: { code: string; message: string };
    };
    expect(refused.ok).toBe(false);
    expect(refused.error.code).toBe('forbidden');
    expect(refused.error.message).toMatch(/--browser/);
    expect(refused.error.message).toMatch(/WA_BROWSER_PATH/);
    const mixed = (await invokeOver(ws, 2, 'settings:update', { browserPath: '', logoutOnExit: true })) as { ok: boolean };
    expect(mixed.ok).toBe(false);
    expect(t.calls.filter((c) => c.channel === 'settings:update')).toEqual([]);
    expect(await invokeOver(ws, 3, 'settings:update', { logoutOnExit: true })).toMatchObject({ ok: true });
    ws.close();
  });
});
