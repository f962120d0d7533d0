import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppServices, type AppServices } from '../../../src/app/services';
import { createDiagnosticsHandlers } from '../../../src/ipc/handlers/diagnostics';
import { diagnosticsText } from '../../../src/platform/diagnostics';
import { APP, own, routerOver } from '../ipc/helpers';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'wa-diagnostics-'));
const running: AppServices[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.shutdown()));
});

async function services(host: 'electron' | 'browser-host', openFolder?: (folder: string) => Promise<void>) {
  const userData = tmp();
  const s = await createAppServices({
    userData,
    demo: true,
    host,
    version: '1.2.3',
    dialogs: null,
    trustedOrigins: [APP],
    ...(openFolder ? { openFolder } : {}),
  });
  running.push(s);
  return { s, userData, call: (channel: string, payload?: unknown) => s.router.invoke(channel, payload, own) };
}

describe('logs and diagnostics, through the composition root', () => {
  it('write every log line to <data>/logs/app.log, redacted, in the browser host as in the desktop app', async () => {
    const { s, userData, call } = await services('browser-host');
    s.logger.info('wa', 'Sent to 971501234567@c.us; QR 2@abcdefghijklmnopqrstu,vwxyz0123456');
    const file = path.join(userData, 'logs', 'app.log');
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/INFO {2}\[app\] Started in demo mode/);
    expect(text).toContain('Sent to *********567@c.us; QR [QR code removed]');
    expect(text).not.toMatch(/971501234567|2@abcdef/);
    expect(await call('logs:getInfo')).toEqual({ ok: true, value: { folder: path.join(userData, 'logs'), file, canOpenFolder: false } });
  });

  it('browser host: refuses to open the folder (the page shows its path instead)', async () => {
    const { call } = await services('browser-host');
    expect(await call('logs:openFolder')).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/cannot open folders/) },
    });
  });

  it('desktop app: opens the logs folder through the shell port, and says why when it cannot', async () => {
    const opened: string[] = [];
    let problem: string | null = null;
    const { userData, call } = await services('electron', async (folder) => {
      if (problem) throw new Error(problem);
      opened.push(folder);
    });
    expect(await call('logs:getInfo')).toMatchObject({ ok: true, value: { canOpenFolder: true } });
    expect(await call('logs:openFolder')).toEqual({ ok: true, value: undefined });
    expect(opened).toEqual([path.join(userData, 'logs')]);
    problem = 'No application is registered';
    expect(await call('logs:openFolder')).toMatchObject({
      ok: false,
      error: { code: 'io', message: expect.stringContaining('No application is registered') },
    });
    expect(readFileSync(path.join(userData, 'logs', 'app.log'), 'utf8')).toMatch(/WARN  \[app\] Could not open the logs folder: No application/);
  });

  it('builds the diagnostics text in main: versions, OS, status and the last redacted log lines', async () => {
    const { s, call } = await services('electron', async () => {});
    s.logger.warn('wa', 'Send to +44 7700 900123 failed');
    const r = await call('diagnostics:get');
    if (!r.ok) throw new Error(r.error.message);
    const text = r.value as string;
    expect(text.split('\n').slice(0, 5)).toEqual([
      'WA Bulk Sender 1.2.3 (desktop app, demo)',
      expect.stringMatching(new RegExp(`^OS: ${os.type()} .* ${os.arch()} \\(${process.platform}\\)$`)),
      `Node ${process.versions.node} (browser host, no Electron)`,
      'whatsapp-web.js 1.34.7',
      expect.stringMatching(/^WhatsApp: (idle|starting)/),
    ]);
    expect(text).toMatch(/Last \d+ log lines:\n.*Started in demo mode/);
    expect(text).toContain('Send to +** **** ***123 failed');
    expect(text).not.toContain('900123 ');
  });

  it('refuses a payload on channels that take none', async () => {
    const { call } = await services('browser-host');
    for (const channel of ['logs:getInfo', 'logs:openFolder', 'diagnostics:get']) {
      expect(await call(channel, { folder: '/etc' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
  });
});

describe('diagnostics text', () => {
  it('names Electron, Chromium and Node in the desktop app, and never the QR, the account or a number', () => {
    const text = diagnosticsText({
      appVersion: '1.0.0',
      host: 'electron',
      demo: false,
      versions: { electron: '45.4.1', chrome: '142.0.7444.59', node: '22.20.0' },
      os: { type: 'Windows_NT', release: '10.0.26100', arch: 'x64', platform: 'win32' },
      libraryVersion: '1.34.7',
      status: { kind: 'qr', qrDataUrl: 'data:image/png;base64,AAAA', qrText: '2@secretsecretsecret,key,key' },
      logProblem: 'ENOSPC: no space left on device',
      logLines: ['2026-11-30T06:30:00.000Z INFO  [wa] Ready as 971501234567'],
    });
    expect(text).toBe(
      [
        'WA Bulk Sender 1.0.0 (desktop app)',
        'OS: Windows_NT 10.0.26100 x64 (win32)',
        'Electron 45.4.1, Chromium 142.0.7444.59, Node 22.20.0',
        'whatsapp-web.js 1.34.7',
        'WhatsApp: qr',
        'Log file not written: ENOSPC: no space left on device',
        '',
        'Last 1 log lines:',
        '2026-11-30T06:30:00.000Z INFO  [wa] Ready as *********567',
      ].join('\n'),
    );
  });

  it('the handler alone: getInfo says whether the folder can be opened', async () => {
    const openFolder = vi.fn(async () => {});
    const { invoke } = routerOver(
      createDiagnosticsHandlers({ logs: { folder: '/d/logs', file: '/d/logs/app.log' }, openFolder, diagnostics: () => 'text', warn: () => {} }),
    );
    expect(await invoke('logs:getInfo')).toEqual({ ok: true, value: { folder: '/d/logs', file: '/d/logs/app.log', canOpenFolder: true } });
    expect(await invoke('diagnostics:get')).toEqual({ ok: true, value: 'text' });
    expect(await invoke('logs:openFolder')).toEqual({ ok: true, value: undefined });
    expect(openFolder).toHaveBeenCalledWith('/d/logs');
  });
});
