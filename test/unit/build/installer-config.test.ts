import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MacPackager, Packager, Platform, WinPackager, type Configuration } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  name: string;
  homepage?: string;
  author?: { name?: string; email?: string };
  desktopName?: string;
  scripts: Record<string, string>;
};

type Targets = { target: string; arch?: string[] }[];
const targetsOf = (target: unknown) => target as Targets;

// electron-builder itself reads electron-builder.yml and package.json and checks them against its schema, as
// `npm run dist` does before it builds anything (an unknown or misplaced key fails here, not on a release machine).
let packager: Packager;
let config: Configuration;
const output = mkdtempSync(path.join(tmpdir(), 'wa-builder-config-'));
beforeAll(async () => {
  packager = new Packager({
    projectDir: root,
    // The repository's file as it is; only the output folder (where an icon check may write) is moved away.
    config: { extends: 'electron-builder.yml', directories: { output } },
    targets: Platform.LINUX.createTarget('dir'),
  });
  await packager.validateConfig();
  config = packager.config;
});
afterAll(() => rmSync(output, { recursive: true, force: true }));

describe('installer configuration (electron-builder.yml)', () => {
  it('passes electron-builder’s own validation', () => {
    expect(config.appId).toBe('org.wabulk.sender');
    expect(config.productName).toBe('WA Bulk Sender');
  });

  it('builds a per-user NSIS installer that needs no admin rights and makes shortcuts', () => {
    expect(targetsOf(config.win?.target)).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({
      oneClick: true,
      perMachine: false,
      createDesktopShortcut: 'always',
      createStartMenuShortcut: true,
      deleteAppDataOnUninstall: false,
    });
    expect(config.win?.requestedExecutionLevel ?? 'asInvoker').toBe('asInvoker');
  });

  it('builds a DMG (and the zip electron-updater needs) for both Mac CPU types, hardened and with entitlements', () => {
    const mac = config.mac!;
    expect(targetsOf(mac.target)).toEqual([
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ]);
    expect(mac.hardenedRuntime).toBe(true);
    expect(mac.entitlements).toBe('build/entitlements.mac.plist');
    expect(mac.entitlementsInherit).toBe('build/entitlements.mac.plist');
    // Notarisation on, and driven by APPLE_* environment variables only (electron-builder skips it without them).
    expect(mac.notarize).toBe(true);
  });

  it('grants the hardened runtime only what Electron’s JavaScript engine needs', () => {
    const plist = readFileSync(path.join(root, 'build/entitlements.mac.plist'), 'utf8');
    const granted = [...plist.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((m) => m[1]);
    expect(granted.sort()).toEqual(['com.apple.security.cs.allow-jit', 'com.apple.security.cs.allow-unsigned-executable-memory']);
  });

  it('builds an AppImage and a deb with a maintainer, an icon set and a desktop entry', () => {
    const linux = config.linux!;
    expect(targetsOf(linux.target).map((t) => t.target)).toEqual(['AppImage', 'deb']);
    expect(linux.maintainer).toMatch(/^.+ <[^@\s>]+@[^@\s>]+>$/);
    expect(linux.icon).toBe('build/icons');
    expect(linux.syncDesktopName).toBe(true);
    expect(linux.desktop?.entry).toMatchObject({ StartupNotify: 'true' });
    // fpm refuses a deb without a homepage and an author with an email (the deb target failed for this).
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.author?.email).toMatch(/@/);
    // Electron takes the Wayland app id / WM_CLASS from desktopName; the .desktop file is named after it.
    expect(pkg.desktopName).toBe(`${linux.executableName}.desktop`);
  });

  it('points every platform at an icon file that exists', () => {
    for (const icon of [config.win?.icon, config.mac?.icon, config.linux?.icon]) {
      expect(icon, 'icon configured').toBeTruthy();
      expect(existsSync(path.join(root, icon!)), `${icon} exists`).toBe(true);
    }
  });

  it('gives Windows and macOS icons that electron-builder accepts as they are', async () => {
    // electron-builder checks an .ico holds a 256 px image and reads the .icns before it packs; a bad file fails here.
    expect(await new WinPackager(packager).getIconPath()).toBe(path.join(root, 'build/icon.ico'));
    expect(await new MacPackager(packager).getIconPath()).toBe(path.join(root, 'build/icon.icns'));
  });

  it('keeps signing secrets out of the file (they come from CSC_LINK, WIN_CSC_LINK, APPLE_* variables)', () => {
    const text = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    expect(text).not.toMatch(/^\s*(certificateFile|certificatePassword|cscLink|cscKeyPassword|identity)\s*:/m);
    expect(config.mac?.identity ?? null).toBeNull();
  });

  it('has npm run icons to remake the icons', () => {
    expect(pkg.scripts.icons).toBe('node scripts/make-icons.mjs');
  });
});
