import fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatLogLine, LogFile, type LogFs } from '../../../src/platform/log-file';
import { MAX_LOGGED_CHARS, QR_REMOVED, redactLogText } from '../../../src/platform/log-redaction';
import type { LogLine } from '../../../src/shared/status';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'wa-log-file-'));
const line = (message: string, at = Date.UTC(2026, 10, 30, 6, 30)): LogLine => ({ at, level: 'info', source: 'test', message });

describe('log redaction', () => {
  it('masks phone-like numbers except their last three digits, in every form they appear', () => {
    expect(redactLogText('Sent to +971501234567')).toBe('Sent to +*********567');
    expect(redactLogText('chat 971501234567@c.us failed')).toBe('chat *********567@c.us failed');
    expect(redactLogText('call +44 (20) 7946-0958 now')).toBe('call +** (**) ****-*958 now');
    expect(redactLogText('lid 123456789012345@lid')).toBe('lid ************345@lid');
    expect(redactLogText('invalid wid 5511987654321')).not.toMatch(/\d{4}/);
    expect(redactLogText('id true_971501234567@c.us_3EB0C767D26A1D8B4E')).toBe('id true_*********567@c.us_3EB0C767D26A1D8B4E');
  });

  it('leaves counts, versions, dates and already-masked numbers readable', () => {
    for (const text of [
      'Imported 1200 rows in 35 ms',
      'Browser: /usr/bin/chromium (Chromium 156.0.8078.108 built on Debian GNU/Linux 12)',
      'Daily limit 200 reached on 2026-11-30',
      'Ready as …4567',
      'listening on 127.0.0.1:5178',
      'campaigns/c_20261130064814_ab12cd34/journal.jsonl line 3: checksum does not match',
      'token a1b2c3d4e5f60718293',
    ]) {
      expect(redactLogText(text)).toBe(text);
    }
  });

  it('drops QR payloads and QR images', () => {
    const qr = '2@Y3Jhenk1Z1BvY2ZhbGw,AbCdEf0123456789+/Zw==,Q2F0YS1ub2lzZQ==,c2VjcmV0';
    expect(redactLogText(`QR: ${qr} (scan it)`)).toBe(`QR: ${QR_REMOVED} (scan it)`);
    expect(redactLogText('img data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA end')).toBe(`img ${QR_REMOVED} end`);
  });

  it('cuts a very long text (a message body in an error would not be written whole)', () => {
    const body = 'Hello Ana, your appointment is on Monday. '.repeat(200);
    const out = redactLogText(`Send failed: ${body}`);
    expect(out.length).toBeLessThan(MAX_LOGGED_CHARS + 60);
    expect(out).toMatch(/more characters cut\)$/);
  });

  it('formats one line per record, redacting message and source, continuation lines indented', () => {
    expect(formatLogLine({ at: Date.UTC(2026, 10, 30, 6, 30), level: 'warn', source: 'wa', message: 'to +971501234567\nstack' })).toBe(
      '2026-11-30T06:30:00.000Z WARN  [wa] to +*********567\n    stack\n',
    );
  });
});

describe('LogFile', () => {
  it('appends redacted lines to <dir>/app.log, owner-only, creating the folder', () => {
    const dir = path.join(tmp(), 'logs');
    const log = new LogFile(dir);
    log.write(line('Started; QR 2@abcdefghijklmnop,qrstuvwx'));
    log.write(line('Sent to 971501234567@c.us'));
    log.close();
    const text = readFileSync(path.join(dir, 'app.log'), 'utf8');
    expect(text).toBe(
      `2026-11-30T06:30:00.000Z INFO  [test] Started; QR ${QR_REMOVED}\n2026-11-30T06:30:00.000Z INFO  [test] Sent to *********567@c.us\n`,
    );
    expect(text).not.toContain('971501234567');
    if (process.platform !== 'win32') expect(statSync(path.join(dir, 'app.log')).mode & 0o777).toBe(0o600);
    // A second writer (the next start) appends after what is there.
    const again = new LogFile(dir);
    again.write(line('Next start'));
    expect(again.tail(10)).toHaveLength(3);
  });

  it('rotates before a file passes maxBytes and keeps at most maxFiles files', () => {
    const dir = tmp();
    const log = new LogFile(dir, { maxBytes: 400, maxFiles: 3 });
    for (let i = 0; i < 40; i++) log.write(line(`line ${i} ${'x'.repeat(40)}`));
    log.close();
    expect(readdirSync(dir).sort()).toEqual(['app.1.log', 'app.2.log', 'app.log']);
    for (const name of readdirSync(dir)) expect(statSync(path.join(dir, name)).size).toBeLessThanOrEqual(400);
    // The newest line is last in app.log, the lines before it in app.1.log, nothing is lost between them.
    const tail = log.tail(8);
    expect(tail).toHaveLength(8);
    expect(tail.map((l) => Number(/line (\d+)/.exec(l)![1]))).toEqual([32, 33, 34, 35, 36, 37, 38, 39]);
    expect(readFileSync(path.join(dir, 'app.1.log'), 'utf8')).toContain('line 3');
  });

  it('loses a line it cannot write (a full disk) without throwing, and writes again once it can', () => {
    const dir = tmp();
    let full = true;
    const failing: LogFs = {
      ...fs,
      writeSync: (fd, buffer, offset, length) => {
        if (full) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        return fs.writeSync(fd, buffer, offset, length);
      },
    };
    const log = new LogFile(dir, { fs: failing });
    expect(() => log.write(line('lost'))).not.toThrow();
    expect(log.problem).toMatch(/ENOSPC/);
    full = false;
    log.write(line('kept'));
    expect(log.problem).toBeNull();
    expect(log.tail(5)).toEqual([expect.stringMatching(/kept$/)]);
  });

  it('reads no lines when nothing was written yet', () => {
    expect(new LogFile(path.join(tmp(), 'none')).tail(5)).toEqual([]);
  });
});
