import { describe, expect, it } from 'vitest';
import { showsBanner, updateText } from '../../../renderer/features/updates/update-text';
import { translatorFor } from '../../../renderer/i18n/translate';
import en from '../../../renderer/i18n/messages/en.json';
import es from '../../../renderer/i18n/messages/es.json';
import { DEMO_NO_UPDATES, HOST_NO_UPDATES } from '../../../src/app/updates';
import { UPDATER_INACTIVE } from '../../../src/platform/update-service';

const at = (ms: number) => `t${ms}`;
const t = translatorFor('en', en);

describe('update banner and Settings text', () => {
  it('says what the operator needs to know at each step', () => {
    expect(updateText({ kind: 'downloading', version: '1.2.3', percent: 40 }, t, at)).toBe('Update 1.2.3 downloading 40%');
    expect(updateText({ kind: 'ready', version: '1.2.3', waitingForCampaign: false }, t, at)).toBe('Update 1.2.3 is ready.');
    expect(updateText({ kind: 'ready', version: '1.2.3', waitingForCampaign: true }, t, at)).toBe(
      'Update 1.2.3 is ready. Will restart when the campaign pauses or finishes.',
    );
    expect(updateText({ kind: 'restarting', version: '1.2.3' }, t, at)).toBe('Restarting to install update 1.2.3…');
    expect(updateText({ kind: 'idle', checkedAt: 5 }, t, at)).toBe('Up to date (checked at t5).');
    expect(updateText({ kind: 'idle', checkedAt: null }, t, at)).toBe('Not checked for updates yet.');
    expect(updateText({ kind: 'error', message: 'net::ERR_INTERNET_DISCONNECTED', checkedAt: 7 }, t, at)).toMatch(
      /^Could not update \(t7\): net::ERR_INTERNET_DISCONNECTED\. The app tries again in a few hours\.$/,
    );
    expect(updateText({ kind: 'error', message: 'Cannot find channel "latest.yml".', checkedAt: 7 }, t, at)).toBe(
      'Could not update (t7): Cannot find channel "latest.yml". The app tries again in a few hours.',
    );
    expect(updateText({ kind: 'off', reason: 'Demo mode does not check for updates.' }, t, at)).toBe('Demo mode does not check for updates.');
  });

  it("says it in the operator's language, main's reasons for no updates included (an unknown one as main wrote it)", () => {
    const inSpanish = translatorFor('es', es);
    expect(updateText({ kind: 'ready', version: '1.2.3', waitingForCampaign: false }, inSpanish, at)).toBe('La actualización 1.2.3 está lista.');
    for (const reason of [DEMO_NO_UPDATES, HOST_NO_UPDATES, UPDATER_INACTIVE, 'This copy of the app does not update itself.']) {
      expect(updateText({ kind: 'off', reason }, inSpanish, at)).not.toBe(reason);
      expect(updateText({ kind: 'off', reason }, t, at)).toBe(reason);
    }
    expect(updateText({ kind: 'off', reason: 'Something new.' }, inSpanish, at)).toBe('Something new.');
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
