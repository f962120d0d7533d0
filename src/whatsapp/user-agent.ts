/**
 * The user agent the browser presents to WhatsApp Web. whatsapp-web.js 1.34.7 defaults to a Chrome 101 on macOS
 * string whatever the machine, which WhatsApp may treat as an outdated browser; `userAgent: false` is no better in
 * headless mode, where Chromium's own string says "HeadlessChrome". Chrome's reduced user agent varies only in the
 * major version (the OS part is frozen per platform), so the browser's own major version on the real OS gives
 * the string that browser sends when it is not headless.
 */
import { execFile } from 'node:child_process';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/** The Chrome of late 2026, used when the browser's own version cannot be read. */
export const FALLBACK_CHROME_MAJOR = 156;

const OS_PART: Partial<Record<NodeJS.Platform, string>> = {
  win32: 'Windows NT 10.0; Win64; x64',
  darwin: 'Macintosh; Intel Mac OS X 10_15_7',
};

/** Chrome's reduced user agent for this platform and major version. */
export function chromeUserAgent(platform: NodeJS.Platform, major: number): string {
  const os = OS_PART[platform] ?? 'X11; Linux x86_64';
  return `Mozilla/5.0 (${os}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major}.0.0.0 Safari/537.36`;
}

/** The major version in text such as "Chromium 156.0.8078.108 built on Debian" or a folder named "131.0.6778.86". */
export function parseMajorVersion(text: string): number | null {
  const match = /\b(\d{2,4})\.\d+\.\d+\.\d+\b/.exec(text);
  return match ? Number(match[1]) : null;
}

/**
 * The browser's major version, read cheaply, or null. On Windows `chrome.exe --version` opens a window instead
 * of printing, but Chrome and Edge keep a folder named after the version beside the executable.
 */
export async function browserMajorVersion(executablePath: string, platform: NodeJS.Platform = process.platform): Promise<number | null> {
  if (platform === 'win32') return versionFolderMajor(path.dirname(executablePath));
  return new Promise((resolve) => {
    execFile(executablePath, ['--version'], { timeout: 5000, windowsHide: true }, (err, stdout) => {
      resolve(err ? null : parseMajorVersion(String(stdout)));
    });
  });
}

const VersionCache = z.object({ path: z.string(), size: z.number(), mtimeMs: z.number(), major: z.number().int().positive() });

/**
 * browserMajorVersion, remembered in `cacheFile` for as long as the executable is the same file (path, size and
 * modification time): running the browser with --version costs 0.1-0.4 s before every start (issue 14).
 */
export async function cachedBrowserMajorVersion(
  executablePath: string,
  cacheFile: string,
  platform: NodeJS.Platform = process.platform,
): Promise<number | null> {
  let stat;
  try {
    stat = await fsp.stat(executablePath);
  } catch {
    return null;
  }
  const key = { path: executablePath, size: stat.size, mtimeMs: stat.mtimeMs };
  try {
    const cached = VersionCache.parse(JSON.parse(await fsp.readFile(cacheFile, 'utf8')));
    if (cached.path === key.path && cached.size === key.size && cached.mtimeMs === key.mtimeMs) return cached.major;
  } catch {
    // No cache yet, or another browser: read it afresh.
  }
  const major = await browserMajorVersion(executablePath, platform);
  if (major !== null) {
    // Only a cache: when it cannot be written, the next start asks the browser again.
    await fsp.writeFile(cacheFile, JSON.stringify({ ...key, major }), { mode: 0o600 }).catch(() => undefined);
  }
  return major;
}

async function versionFolderMajor(dir: string): Promise<number | null> {
  try {
    const majors = (await fsp.readdir(dir)).filter((name) => /^\d+\.\d+\.\d+\.\d+$/.test(name)).map((name) => parseMajorVersion(name) ?? 0);
    return majors.length > 0 ? Math.max(...majors) : null;
  } catch {
    return null;
  }
}
