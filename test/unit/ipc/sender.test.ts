import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../src/ipc/sender';

const APP = 'app://renderer';
const DEV = 'http://127.0.0.1:5173';
const trusted = [APP, DEV];
const mainFrame = (url: string) => ({ url, isMainFrame: true });

describe('isTrustedSender', () => {
  it("trusts the app's own pages in the main frame", () => {
    for (const url of [`${APP}/index.html`, `${APP}/`, `${APP}/index.html?x=1#send`, `${DEV}/`, `${DEV}/index.html`]) {
      expect(isTrustedSender(mainFrame(url), trusted), url).toBe(true);
    }
  });

  it('matches the whole origin, never a prefix of it: app://renderer.evil/ and its kin are refused', () => {
    for (const url of [
      'app://renderer.evil/',
      'app://renderer.evil/index.html',
      'app://rendererx/index.html',
      'app://renderer:8080/index.html',
      'app://renderer@evil.example/index.html',
      'http://127.0.0.1:51730/index.html',
      'http://127.0.0.1:5173.evil.example/',
    ]) {
      expect(isTrustedSender(mainFrame(url), trusted), url).toBe(false);
    }
  });

  it('refuses a subframe of the app and an unparsable URL', () => {
    expect(isTrustedSender({ url: `${APP}/index.html`, isMainFrame: false }, trusted)).toBe(false);
    expect(isTrustedSender(mainFrame('not a url'), trusted)).toBe(false);
  });
});
