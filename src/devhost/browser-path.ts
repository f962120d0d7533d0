import { checkBrowser, type CheckedBrowser } from '../platform/browser-check';
import type { Settings } from '../shared/contract/connection';

/** The slice of the settings store the browser host sets its browser through. */
export interface BrowserSetting {
  get(): Settings;
  setBrowserPath(browserPath: string): Promise<Settings>;
}

/**
 * In the browser host the browser WhatsApp runs in comes from its command line (--browser, checked to be Chrome,
 * Edge or Chromium) or the environment (WA_BROWSER_PATH, used when the setting is empty), never from the page
 * (issue 13). This makes the stored setting say so at start, so a path saved earlier (by the desktop app on the
 * same folder, or by hand) is not what runs. Returns a note for the operator when a saved path is dropped.
 */
export async function pinBrowserPath(
  settings: BrowserSetting,
  browser: string | null,
  check: (chosen: string) => Promise<CheckedBrowser> = checkBrowser,
): Promise<string | null> {
  const stored = settings.get().browserPath;
  if (browser !== null) {
    const checked = await check(browser);
    if (stored !== checked.executablePath) await settings.setBrowserPath(checked.executablePath);
    return null;
  }
  if (!stored) return null;
  await settings.setBrowserPath('');
  return (
    `The browser saved in the settings (${stored}) is not used by the browser host: ` +
    'start it with --browser PATH or set WA_BROWSER_PATH to choose the browser.'
  );
}
