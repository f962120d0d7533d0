import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoDataDir } from '../../../src/app/demo-options';
import { createAppServices } from '../../../src/app/services';
import { createCliPort } from '../../../src/cli/whatsapp-port';
import { parseHostArgs } from '../../../src/devhost/server';
import { appPathsFor } from '../../../src/platform/app-paths';
import { assertNoRealSession } from '../../../src/platform/real-session-guard';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'wa-demo-folder-'));

function profileWith(dataDir: string, preferences: string | null): void {
  const profile = path.join(appPathsFor(dataDir).sessionDir, 'session-main', 'Default');
  mkdirSync(profile, { recursive: true });
  if (preferences !== null) writeFileSync(path.join(profile, 'Preferences'), preferences);
}

describe('the demo data folder', () => {
  it('is a folder of its own in the desktop app and in the browser host', () => {
    expect(demoDataDir('/home/ana/.config/wa-bulk-sender')).toBe(path.join('/home/ana/.config/wa-bulk-sender', 'demo'));
    expect(parseHostArgs(['--demo']).dataDir).toBe(path.join(os.homedir(), '.wa-bulk-sender', 'demo'));
    expect(parseHostArgs([]).dataDir).toBe(path.join(os.homedir(), '.wa-bulk-sender', 'host'));
  });

  it('accepts an empty folder and one the simulated WhatsApp made, refuses one with a real session', async () => {
    const empty = tmp();
    await expect(assertNoRealSession(appPathsFor(empty), '')).resolves.toBeUndefined();
    const demo = tmp();
    profileWith(demo, JSON.stringify({ simulated: true, account: { number: '15550001111' } }));
    await expect(assertNoRealSession(appPathsFor(demo), '')).resolves.toBeUndefined();
    for (const preferences of ['{"profile":{"name":"Person 1"}}', 'not json', null]) {
      const real = tmp();
      profileWith(real, preferences);
      await expect(assertNoRealSession(appPathsFor(real), 'Use another folder.')).rejects.toThrow(
        `${real} holds a real WhatsApp session: the simulated WhatsApp does not run there (it would write over the session, and its Log out would delete it). Use another folder.`,
      );
    }
  });

  it('keeps the browser host demo (--demo --data-dir) out of a real data folder, before it takes the folder', async () => {
    const real = tmp();
    profileWith(real, '{"profile":{"name":"Person 1"}}');
    await expect(
      createAppServices({ userData: real, demo: true, host: 'browser-host', version: '0', dialogs: null, trustedOrigins: [] }),
    ).rejects.toThrow('Start the demo without --data-dir, or with a folder of its own.');
  });

  it('keeps wa-bulk --simulate out of a state folder with a real session, without writing to it', async () => {
    const real = tmp();
    profileWith(real, '{"profile":{"name":"Person 1"}}');
    const flags = { values: new Map<string, string>(), switches: new Set(['--simulate']), positionals: [] };
    const io = { stdout: process.stdout, stderr: process.stderr } as never;
    await expect(createCliPort(flags, real, io)).rejects.toThrow('Give --simulate a --state folder of its own.');
    const { readFileSync, existsSync } = await import('node:fs');
    expect(readFileSync(path.join(appPathsFor(real).sessionDir, 'session-main', 'Default', 'Preferences'), 'utf8')).toBe(
      '{"profile":{"name":"Person 1"}}',
    );
    expect(existsSync(path.join(real, 'simulate.json'))).toBe(false);
  });
});
