import { describe, expect, it } from 'vitest';
import { campaignActivity } from '../../../src/app/campaign-activity';
import { PAUSED_ON_CLOSE } from '../../../src/app/close-policy';
import { maskDigits, NotificationPolicy, type Notice } from '../../../src/app/notification-policy';
import { Listeners } from '../../../src/shared/events';
import type { WaStatus } from '../../../src/shared/status';
import { FakeCampaigns, summary } from '../../fakes/fake-campaigns';
import { FakeClock } from '../../fakes/fake-clock';

const qr: WaStatus = { kind: 'qr', qrDataUrl: 'data:image/png;base64,AAAA', qrText: '2@secret-qr-payload' };
const ready: WaStatus = { kind: 'ready', account: { number: '971501234567', name: 'Clinic' } };

function setup(options: { inFront?: boolean } = {}) {
  const service = new FakeCampaigns();
  const status = new Listeners<WaStatus>();
  const clock = new FakeClock();
  const shown: Notice[] = [];
  let inFront = options.inFront ?? true;
  const policy = new NotificationPolicy({ show: (n) => shown.push(n), windowInFront: () => inFront, clock, graceMs: 60_000 });
  const unwatch = policy.watch(campaignActivity(service), { onStatus: (l) => status.on(l) });
  return { service, status, clock, shown, unwatch, setInFront: (v: boolean) => (inFront = v) };
}

describe('desktop notifications (policy)', () => {
  it('tells when a campaign finishes, with counts and no message text or number', () => {
    const { service, shown } = setup();
    service.emit(summary('c1', 'running', { name: 'Reminders for +971 50 123 4567', template: 'Dear {{name}}, pay 500' }));
    service.emit(
      summary('c1', 'finished', {
        name: 'Reminders for +971 50 123 4567',
        counts: { total: 10, pending: 0, sent: 8, delivered: 5, read: 1, failed: 1, skipped: 1, rejected: 0, unconfirmed: 0 },
      }),
    );
    expect(shown).toEqual([{ kind: 'finished', title: 'Campaign finished', body: '"Reminders for …67": 8 of 10 sent, 1 failed, 1 skipped.' }]);
    expect(JSON.stringify(shown)).not.toMatch(/Dear|1234567|971/);
  });

  it('ignores summaries that are not a change away from sending (history, receipts, repeats)', () => {
    const { service, shown } = setup();
    service.emit(summary('old', 'finished'));
    service.emit(summary('old', 'finished'));
    service.emit(summary('c1', 'running'));
    service.emit(summary('c1', 'running'));
    service.emit(summary('c1', 'waiting', { reason: 'Outside the sending window (9:00-17:00).' }));
    service.emit(summary('c1', 'running'));
    expect(shown).toEqual([]);
  });

  it('tells when a campaign pauses itself, not when the operator paused it', () => {
    const { service, shown } = setup();
    service.emit(summary('c1', 'running'));
    service.emit(summary('c1', 'paused', { reason: 'Paused by the operator.' }));
    service.emit(summary('c1', 'running'));
    service.emit(summary('c1', 'paused', { reason: PAUSED_ON_CLOSE }));
    service.emit(summary('c1', 'running'));
    service.emit(summary('c1', 'paused', { reason: 'Paused because the app closed.' }));
    expect(shown).toEqual([]);
    service.emit(summary('c1', 'running'));
    service.emit(
      summary('c1', 'paused', {
        reason: 'Paused automatically after 5 failures in a row; check the connection and the log, then resume.',
        counts: { total: 10, pending: 1, sent: 4, delivered: 0, read: 0, failed: 5, skipped: 0, rejected: 0, unconfirmed: 0 },
      }),
    );
    expect(shown).toEqual([
      {
        kind: 'paused',
        title: 'Campaign paused itself',
        body: '"May reminders" paused after 5 failures. Check the connection and the log, then resume.',
      },
    ]);
  });

  it('tells when the daily cap is reached, a rejected session stops it, or its journal cannot be written', () => {
    const { service, shown } = setup();
    service.emit(summary('c1', 'running'));
    service.emit(summary('c1', 'waiting', { reason: 'The daily cap of 200 messages for this account is reached; sending goes on tomorrow.' }));
    service.emit(summary('c1', 'running'));
    service.emit(summary('c1', 'stopped', { reason: 'WhatsApp rejected the session (auth failure: x). Log in again, then resume.' }));
    service.emit(summary('c2', 'running'));
    service.emit(summary('c2', 'interrupted', { reason: 'The disk is full: /home/ana/.config/wa-bulk-sender/campaigns/c2' }));
    // The summary after the runner ended (paused, resumable) is not told again.
    service.emit(summary('c2', 'paused', { reason: 'The disk is full' }));
    service.emit(summary('c3', 'running'));
    service.emit(summary('c3', 'stopped', { reason: 'Stopped by the operator.' }));
    expect(shown.map((n) => [n.kind, n.title])).toEqual([
      ['daily-cap', 'Daily limit reached'],
      ['stopped', 'Campaign stopped: log in again'],
      ['stopped', 'Campaign stopped'],
    ]);
    expect(JSON.stringify(shown)).not.toContain('/home/ana');
  });

  it('asks for a QR scan while a campaign waits or the window is not in front, once per QR, never with its payload', () => {
    const { service, status, shown, setInFront } = setup({ inFront: true });
    // At the window with nothing sending: the QR is on screen, no notification.
    status.emit(qr);
    expect(shown).toEqual([]);
    status.emit(ready);
    // Not in front (hidden in the tray, or another app focused): notify, and only once while the QR rotates.
    setInFront(false);
    status.emit(qr);
    status.emit({ ...qr, qrText: '2@rotated' });
    expect(shown.map((n) => n.kind)).toEqual(['qr']);
    status.emit(ready);
    // A campaign is waiting for WhatsApp: notify even at the window.
    setInFront(true);
    service.emit(summary('c1', 'running'));
    service.emit(summary('c1', 'waiting', { reason: 'WhatsApp is waiting for the QR code to be scanned.' }));
    status.emit(qr);
    expect(shown.map((n) => n.kind)).toEqual(['qr', 'qr']);
    expect(shown[1]!.body).toMatch(/campaign waits/);
    expect(JSON.stringify(shown)).not.toMatch(/secret|rotated|data:image/);
  });

  it('tells of a lost connection only when it lasts past the grace time while a campaign is sending', async () => {
    const { service, status, clock, shown } = setup();
    // Nothing sending: a lost connection is the Connection screen's business.
    status.emit({ kind: 'disconnected', reason: 'NAVIGATION' });
    clock.advance(120_000);
    expect(shown).toEqual([]);
    status.emit(ready);
    service.emit(summary('c1', 'running'));
    // A short drop mends itself before the grace time: nothing.
    status.emit({ kind: 'disconnected', reason: 'Phone offline', reconnecting: true });
    clock.advance(30_000);
    status.emit(ready);
    clock.advance(60_000);
    expect(shown).toEqual([]);
    // A long one is told once.
    status.emit({ kind: 'disconnected', reason: 'Phone offline', reconnecting: true });
    status.emit({ kind: 'error', message: 'Browser closed', actions: ['retry'] });
    clock.advance(59_999);
    expect(shown).toEqual([]);
    clock.advance(1);
    await expect.poll(() => shown.map((n) => n.kind)).toEqual(['connection']);
    expect(clock.pendingTimers).toBe(0);
  });

  it('stops listening when unwatched', () => {
    const { service, status, shown, unwatch, clock } = setup({ inFront: false });
    service.emit(summary('c1', 'running'));
    status.emit({ kind: 'disconnected', reason: 'x' });
    unwatch();
    expect(clock.pendingTimers).toBe(0);
    service.emit(summary('c1', 'finished'));
    status.emit(qr);
    expect(shown).toEqual([]);
  });

  it('masks digit runs that could be a phone number, and leaves short numbers alone', () => {
    expect(maskDigits('Call +971 50-123-4567 or 0501234567')).toBe('Call …67 or …67');
    expect(maskDigits('May 2026, batch 12')).toBe('May 2026, batch 12');
  });
});
