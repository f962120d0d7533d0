import path from 'node:path';

/** What the finder may look at; injected so every platform's search can be tested on any machine. */
export interface BrowserSearchEnv {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  exists(filePath: string): boolean;
}

export type BrowserSource = 'setting' | 'env' | 'installed';

export interface FoundBrowser {
  executablePath: string;
  source: BrowserSource;
}

/** Environment variables checked in this order; WA_BROWSER_PATH is ours, the others are puppeteer's and common CI names. */
export const BROWSER_ENV_VARS = ['WA_BROWSER_PATH', 'PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH'] as const;

export class BrowserNotFoundError extends Error {
  constructor(readonly tried: string[]) {
    super(
      'No Chrome, Edge or Chromium browser was found. Tried:\n' +
        tried.map((p) => `  - ${p}`).join('\n') +
        '\nInstall Google Chrome, or choose the browser executable in Settings (or set WA_BROWSER_PATH).',
    );
    this.name = 'BrowserNotFoundError';
  }
}

/** Usual install locations, most preferred first (Chrome first: the library notes video needs Google Chrome). */
export function installedBrowserCandidates(platform: NodeJS.Platform, env: BrowserSearchEnv['env']): string[] {
  if (platform === 'win32') {
    const w = path.win32;
    const roots = [env['PROGRAMFILES'] ?? 'C:\\Program Files', env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)'];
    if (env['LOCALAPPDATA']) roots.push(env['LOCALAPPDATA']);
    const relative = ['Google\\Chrome\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe', 'Chromium\\Application\\chrome.exe'];
    return relative.flatMap((rel) => roots.map((root) => w.join(root, rel)));
  }
  if (platform === 'darwin') {
    const apps = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      'Chromium.app/Contents/MacOS/Chromium',
    ];
    const roots = ['/Applications'];
    if (env['HOME']) roots.push(path.posix.join(env['HOME'], 'Applications'));
    return apps.flatMap((app) => roots.map((root) => path.posix.join(root, app)));
  }
  return [
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/microsoft-edge',
    '/usr/bin/microsoft-edge-stable',
    '/snap/bin/chromium',
    '/opt/google/chrome/chrome',
  ];
}

/**
 * Finds the browser whatsapp-web.js should drive (WHATSAPP.md #6: a packaged app has no puppeteer download).
 * Order: the operator's setting, then environment variables, then installed browsers.
 * Throws BrowserNotFoundError naming every path tried.
 */
export function findBrowser(settingPath: string | null | undefined, search: BrowserSearchEnv): FoundBrowser {
  const tried: string[] = [];
  const setting = settingPath?.trim();
  if (setting) {
    if (search.exists(setting)) return { executablePath: setting, source: 'setting' };
    tried.push(`${setting} (from Settings)`);
  }
  for (const name of BROWSER_ENV_VARS) {
    const value = search.env[name]?.trim();
    if (!value) continue;
    if (search.exists(value)) return { executablePath: value, source: 'env' };
    tried.push(`${value} (from ${name})`);
  }
  for (const candidate of installedBrowserCandidates(search.platform, search.env)) {
    if (search.exists(candidate)) return { executablePath: candidate, source: 'installed' };
    tried.push(candidate);
  }
  throw new BrowserNotFoundError(tried);
}
