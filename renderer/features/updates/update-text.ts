import type { UpdateStatus } from '../../../src/shared/contract/updates';
import type { MessageKey } from '../../i18n/messages';
import type { Translate } from '../../i18n/translate';
import { formatPercent, formatTime } from '../../i18n/format';

/**
 * Why there are no updates, as main says it (src/app/updates.ts, src/platform/update-service.ts: the contract carries
 * the reason as text), in the operator's language; a reason not known here is shown as main wrote it.
 * test/unit/updates/update-text.test.ts holds these to main's constants.
 */
const offReasons: Record<string, MessageKey> = {
  'Demo mode does not check for updates.': 'updates.off.demo',
  'The browser host does not update itself: update this copy from its source folder (git pull, then npm ci).': 'updates.off.host',
  'This copy of the app does not update itself.': 'updates.off.thisCopy',
  'This installation does not update itself: only the Windows installer, the macOS app, the AppImage and the deb do.': 'updates.off.inactive',
};

/** The one line the banner and Settings show for an update status, in the operator's words and language. */
export function updateText(status: UpdateStatus, t: Translate, timeOf: (epochMs: number) => string = formatTime): string {
  switch (status.kind) {
    case 'off': {
      const key = offReasons[status.reason];
      return key ? t(key) : status.reason;
    }
    case 'idle':
      return status.checkedAt === null ? t('updates.text.notChecked') : t('updates.text.upToDate', { time: timeOf(status.checkedAt) });
    case 'checking':
      return t('updates.text.checking');
    case 'downloading':
      return t('updates.text.downloading', { version: status.version, percent: formatPercent(status.percent / 100) });
    case 'ready':
      return t(status.waitingForCampaign ? 'updates.text.readyWaiting' : 'updates.text.ready', { version: status.version });
    case 'restarting':
      return t('updates.text.restarting', { version: status.version });
    case 'error':
      return t('updates.text.error', { time: timeOf(status.checkedAt), error: status.message.replace(/\.$/, '') });
  }
}

/** Whether the banner shows at all: only while an update is on its way or waiting for a restart. */
export const showsBanner = (status: UpdateStatus | null): boolean =>
  status !== null && (status.kind === 'downloading' || status.kind === 'ready' || status.kind === 'restarting');
