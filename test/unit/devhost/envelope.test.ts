import { describe, expect, it } from 'vitest';
import { browserHostRefusal, parseEnvelope } from '../../../src/devhost/envelope';
import { exceedsBytes, utf8ByteLength } from '../../../src/shared/transport-limits';

describe('parseEnvelope', () => {
  it('takes an invoke with a numeric id, leaving channel and payload to the router', () => {
    expect(parseEnvelope('{"type":"invoke","id":3,"channel":"wa:connect"}')).toEqual({
      ok: true,
      value: { id: 3, channel: 'wa:connect', payload: undefined },
    });
  });

  it.each([
    ['', 'not JSON'],
    ['{', 'not JSON'],
    ['null', 'not a JSON object'],
    ['"invoke"', 'not a JSON object'],
    ['[]', 'not a JSON object'],
    ['{"id":1}', 'type is not "invoke"'],
    ['{"type":"invoke"}', 'no numeric id'],
    ['{"type":"invoke","id":1.5}', 'no numeric id'],
    ['{"type":"invoke","id":-1}', 'no numeric id'],
    ['{"type":"invoke","id":1e300}', 'no numeric id'],
  ])('refuses %j: %s', (text, reason) => {
    expect(parseEnvelope(text)).toEqual({ ok: false, reason });
  });
});

describe('browserHostRefusal', () => {
  it('refuses every way of naming or clearing the browser from the page, and nothing else', () => {
    for (const [channel, payload] of [
      ['settings:update', { browserPath: '' }],
      ['settings:update', { browserPath: '/bin/sh', logoutOnExit: true }],
      ['settings:chooseBrowser', undefined],
      ['settings:clearBrowser', undefined],
    ] as const) {
      expect(browserHostRefusal(channel, payload)).toMatch(/--browser <path>.*WA_BROWSER_PATH/);
    }
    expect(browserHostRefusal('settings:update', { logoutOnExit: true })).toBeNull();
    expect(browserHostRefusal('settings:update', null)).toBeNull();
    expect(browserHostRefusal('settings:get', { browserPath: 'x' })).toBeNull();
  });
});

describe('utf8ByteLength', () => {
  it.each(['', 'abc', 'é', '€', '😀', 'a😀é€', '\ud800', 'x\udc00y', '\ud83d', '0501234567\n'.repeat(100)])(
    'counts %j as Buffer.byteLength does',
    (text) => {
      expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text, 'utf8'));
    },
  );

  it('exceedsBytes decides without counting when the length alone settles it', () => {
    expect(exceedsBytes('€€€', 9)).toBe(false);
    expect(exceedsBytes('€€€', 8)).toBe(true);
    expect(exceedsBytes('abcd', 3)).toBe(true);
    expect(exceedsBytes('ab', 6)).toBe(false);
  });
});
