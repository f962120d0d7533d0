import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, CLIPBOARD_WRITE, denyPermissions } from '../../../src/electron/window';

/** Copy diagnostics writes with navigator.clipboard: the app's own page may write text, and nothing else opens up. */
describe('permissions', () => {
  type Request = (wc: unknown, p: string, cb: (granted: boolean) => void, details?: unknown) => void;
  type Check = (wc: unknown, p: string, origin: string, details?: unknown) => boolean;
  let request: Request | undefined;
  let check: Check | undefined;
  denyPermissions({
    setPermissionRequestHandler: (h: unknown) => (request = h as Request),
    setPermissionCheckHandler: (h: unknown) => (check = h as Check),
    setDevicePermissionHandler: () => {},
  } as never);
  const asked = (p: string, details: unknown) => {
    let granted: boolean | undefined;
    request!(null, p, (g) => (granted = g), details);
    return granted;
  };
  const own = { requestingUrl: `${APP_ORIGIN}/index.html`, isMainFrame: true };

  it("grants clipboard writes to the app's own main frame only", () => {
    expect(asked(CLIPBOARD_WRITE, own)).toBe(true);
    expect(check!(null, CLIPBOARD_WRITE, APP_ORIGIN, { requestingUrl: `${APP_ORIGIN}/index.html`, isMainFrame: true })).toBe(true);
    expect(asked(CLIPBOARD_WRITE, { ...own, isMainFrame: false })).toBe(false);
    expect(asked(CLIPBOARD_WRITE, { requestingUrl: 'https://web.whatsapp.com/', isMainFrame: true })).toBe(false);
    expect(asked(CLIPBOARD_WRITE, { requestingUrl: 'app://renderer.evil/', isMainFrame: true })).toBe(false);
    expect(check!(null, CLIPBOARD_WRITE, 'https://evil.example', { isMainFrame: true })).toBe(false);
    expect(asked(CLIPBOARD_WRITE, undefined)).toBe(false);
  });

  it('refuses reading the clipboard and every other permission, even to its own page', () => {
    for (const p of ['clipboard-read', 'media', 'notifications', 'geolocation']) {
      expect(asked(p, own)).toBe(false);
      expect(check!(null, p, APP_ORIGIN, own)).toBe(false);
    }
  });
});
