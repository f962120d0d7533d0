import { describe, expect, it } from 'vitest';
import { parseDemoOptions } from '../../../src/app/demo-options';

describe('demo switches', () => {
  it('are off unless asked for', () => {
    expect(parseDemoOptions(['--demo'])).toEqual({ autoScanMs: null, failAuth: false, disconnectAfterMs: null, offlineAfterMs: null });
  });

  it('read scan, disconnect and auth-failure switches', () => {
    expect(
      parseDemoOptions([
        '--demo',
        '--auto-scan-ms',
        '300',
        '--demo-disconnect-after-ms',
        '5000',
        '--demo-offline-after-ms',
        '700',
        '--demo-fail-auth',
      ]),
    ).toEqual({ autoScanMs: 300, failAuth: true, disconnectAfterMs: 5000, offlineAfterMs: 700 });
  });

  it('refuse a value that is not a number of milliseconds, naming the switch', () => {
    expect(() => parseDemoOptions(['--auto-scan-ms', 'soon'])).toThrow('--auto-scan-ms takes a number of milliseconds');
    expect(() => parseDemoOptions(['--demo-disconnect-after-ms'])).toThrow('--demo-disconnect-after-ms');
    expect(() => parseDemoOptions(['--demo-disconnect-after-ms', '-1'])).toThrow('--demo-disconnect-after-ms');
  });
});

describe('packaged paths', () => {
  it('points the import worker at the unpacked copy beside app.asar, and leaves other paths alone', async () => {
    const { unpackedPath } = await import('../../../src/app/contacts');
    const path = await import('node:path');
    const inAsar = path.join('/opt', 'WA Bulk Sender', 'resources', 'app.asar', 'out', 'main', 'import-worker.js');
    expect(unpackedPath(inAsar)).toBe(path.join('/opt', 'WA Bulk Sender', 'resources', 'app.asar.unpacked', 'out', 'main', 'import-worker.js'));
    const dev = path.join('/work', 'app', 'out', 'main', 'import-worker.js');
    expect(unpackedPath(dev)).toBe(dev);
  });
});
