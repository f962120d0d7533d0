import { describe, expect, it } from 'vitest';
import { campaignActivity } from '../../../src/app/campaign-activity';
import { CloseGuard, PAUSED_ON_CLOSE, type CloseChoice } from '../../../src/app/close-policy';
import type { CampaignSummary } from '../../../src/shared/contract/campaign';
import { FakeCampaigns, summary } from '../../fakes/fake-campaigns';

describe('campaign activity', () => {
  it('names the campaign sending or waiting, not a paused, finished or older one', () => {
    const service = new FakeCampaigns();
    const activity = campaignActivity(service);
    const seen: string[] = [];
    activity.onChange((s) => seen.push(`${s.id}:${s.state}`));
    expect(activity.sending()).toBeNull();
    // Receipts for an older campaign change its summary: it is not sending.
    service.emit(summary('old', 'finished'));
    expect(activity.sending()).toBeNull();
    service.emit(summary('c1', 'running'));
    expect(activity.sending()?.id).toBe('c1');
    service.emit(summary('c1', 'waiting', { reason: 'The daily cap of 200 messages for this account is reached; sending goes on tomorrow.' }));
    expect(activity.sending()?.state).toBe('waiting');
    expect(activity.pauseSending('Paused from the tray.')).toBe(true);
    expect(service.paused).toEqual([['c1', 'Paused from the tray.']]);
    // A paused runner is still the active one, but nothing is sending: nothing more to pause.
    expect(activity.sending()).toBeNull();
    expect(activity.pauseSending('again')).toBe(false);
    expect(seen).toEqual(['old:finished', 'c1:running', 'c1:waiting', 'c1:paused']);
  });

  it('reports false when the runner ended between the check and the pause', () => {
    const service = new FakeCampaigns();
    const activity = campaignActivity(service);
    service.emit(summary('c1', 'running'));
    service.activeId = 'c1';
    service.pause = () => {
      throw new Error('Campaign c1 is not running.');
    };
    expect(activity.pauseSending('x')).toBe(false);
  });
});

describe('closing the window', () => {
  function setup(answer: () => Promise<CloseChoice>) {
    const service = new FakeCampaigns();
    const campaigns = campaignActivity(service);
    const calls: string[] = [];
    const asked: CampaignSummary[] = [];
    const guard = new CloseGuard({
      campaigns,
      ask: (c) => {
        asked.push(c);
        return answer();
      },
      toBackground: () => calls.push('background'),
      close: () => {
        calls.push('close');
        // The real window sends its close event again: the guard lets it through this time.
        const again = { prevented: false, preventDefault: () => (again.prevented = true) };
        guard.onClose(again);
        calls.push(again.prevented ? 'prevented again' : 'closed');
      },
      log: (m) => calls.push(`log: ${m}`),
    });
    const close = () => {
      const event = { prevented: false, preventDefault: () => (event.prevented = true) };
      const result = guard.onClose(event);
      return { result, prevented: event.prevented };
    };
    return { service, guard, calls, asked, close };
  }

  it('closes as before when nothing is sending (none, paused, finished)', () => {
    const { service, close, asked } = setup(async () => 'cancel');
    expect(close()).toEqual({ result: 'closed', prevented: false });
    service.emit(summary('c1', 'running'));
    service.emit(summary('c1', 'paused', { reason: 'Paused by the operator.' }));
    expect(close()).toEqual({ result: 'closed', prevented: false });
    service.emit(summary('c2', 'finished'));
    expect(close()).toEqual({ result: 'closed', prevented: false });
    expect(asked).toEqual([]);
  });

  it('keeps sending in the background: the window hides, the campaign is not paused', async () => {
    const { service, close, calls, asked } = setup(async () => 'background');
    service.emit(summary('c1', 'running'));
    expect(close()).toEqual({ result: 'asking', prevented: true });
    await expect.poll(() => calls).toContain('background');
    expect(asked.map((c) => c.id)).toEqual(['c1']);
    expect(service.paused).toEqual([]);
    expect(calls).not.toContain('close');
  });

  it('pauses (journalled reason) and then closes for real', async () => {
    const { service, close, calls } = setup(async () => 'pause');
    service.emit(summary('c1', 'waiting'));
    expect(close().prevented).toBe(true);
    await expect.poll(() => calls).toContain('closed');
    expect(service.paused).toEqual([['c1', PAUSED_ON_CLOSE]]);
    expect(calls.filter((c) => !c.startsWith('log'))).toEqual(['close', 'closed']);
  });

  it('Cancel keeps the window and the campaign; a failing dialog counts as Cancel', async () => {
    let answer: () => Promise<CloseChoice> = async () => 'cancel';
    const { service, close, calls, asked } = setup(() => answer());
    service.emit(summary('c1', 'running'));
    expect(close().prevented).toBe(true);
    await expect.poll(() => asked.length).toBe(1);
    answer = async () => {
      throw new Error('no display');
    };
    // Asked again on the next close (the first question has been answered).
    await expect.poll(() => close().result === 'asking' && asked.length === 2).toBe(true);
    await expect.poll(() => calls.some((c) => c.includes('could not be shown'))).toBe(true);
    expect(service.paused).toEqual([]);
    expect(calls.filter((c) => !c.startsWith('log'))).toEqual([]);
  });

  it('asks once while its question is up, and not at all while the app quits', async () => {
    let answer: (c: CloseChoice) => void = () => {};
    const { service, guard, close, calls, asked } = setup(() => new Promise<CloseChoice>((r) => (answer = r)));
    service.emit(summary('c1', 'running'));
    expect(close().prevented).toBe(true);
    expect(close().prevented).toBe(true);
    expect(asked).toHaveLength(1);
    // Quit (the tray's Quit, Cmd-Q) while the question is up: shutdown pauses; the late answer does nothing.
    guard.quit();
    expect(close()).toEqual({ result: 'closed', prevented: false });
    answer('background');
    await Promise.resolve();
    await Promise.resolve();
    expect(calls.filter((c) => !c.startsWith('log'))).toEqual([]);
    expect(service.paused).toEqual([]);
  });

  it('closes without pausing when the campaign finished while the question was up', async () => {
    let answer: (c: CloseChoice) => void = () => {};
    const { service, close, calls } = setup(() => new Promise<CloseChoice>((r) => (answer = r)));
    service.emit(summary('c1', 'running'));
    close();
    service.emit(summary('c1', 'finished'));
    answer('pause');
    await expect.poll(() => calls).toContain('closed');
    expect(service.paused).toEqual([]);
  });
});
