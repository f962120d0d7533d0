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

async function versionFolderMajor(dir: string): Promise<number | null> {
  try {
    const majors = (await fsp.readdir(dir))
      .filter((name) => /^\d+\.\d+\.\d+\.\d+$/.test(name))
      .map((name) => parseMajorVersion(name) ?? 0);
    return majors.length > 0 ? Math.max(...majors) : null;
  } catch {
    return null;
  }
}
