import { describe, expect, it } from 'vitest';
import { showsBanner, updateText } from '../../../renderer/features/updates/update-text';

const at = (ms: number) => `t${ms}`;

describe('update banner and Settings text', () => {
  it('says what the operator needs to know at each step', () => {
    expect(updateText({ kind: 'downloading', version: '1.2.3', percent: 40 }, at)).toBe('Update 1.2.3 downloading 40 %');
    expect(updateText({ kind: 'ready', version: '1.2.3', waitingForCampaign: false }, at)).toBe('Update 1.2.3 is ready.');
    expect(updateText({ kind: 'ready', version: '1.2.3', waitingForCampaign: true }, at)).toBe(
      'Update 1.2.3 is ready. Will restart when the campaign pauses or finishes.',
    );
    expect(updateText({ kind: 'restarting', version: '1.2.3' }, at)).toBe('Restarting to install update 1.2.3…');
    expect(updateText({ kind: 'idle', checkedAt: 5 }, at)).toBe('Up to date (checked at t5).');
    expect(updateText({ kind: 'idle', checkedAt: null }, at)).toBe('Not checked for updates yet.');
    expect(updateText({ kind: 'error', message: 'net::ERR_INTERNET_DISCONNECTED', checkedAt: 7 }, at)).toMatch(
      /^Could not update \(t7\): net::ERR_INTERNET_DISCONNECTED\. The app tries again in a few hours\.$/,
    );
    expect(updateText({ kind: 'error', message: 'Cannot find channel "latest.yml".', checkedAt: 7 }, at)).toBe(
      'Could not update (t7): Cannot find channel "latest.yml". The app tries again in a few hours.',
    );
    expect(updateText({ kind: 'off', reason: 'Demo mode does not check for updates.' }, at)).toBe('Demo mode does not check for updates.');
  });

  it('shows the banner only while an update is on its way (never in demo mode or the browser host)', () => {
    expect(showsBanner({ kind: 'off', reason: 'x' })).toBe(false);
    expect(showsBanner({ kind: 'idle', checkedAt: null })).toBe(false);
    expect(showsBanner({ kind: 'error', message: 'x', checkedAt: 1 })).toBe(false);
    expect(showsBanner({ kind: 'downloading', version: '1', percent: 0 })).toBe(true);
    expect(showsBanner({ kind: 'ready', version: '1', waitingForCampaign: true })).toBe(true);
    expect(showsBanner(null)).toBe(false);
  });
});
