import type { UpdateStatus } from '../../../src/shared/contract/updates';

/** The one line the banner and Settings show for an update status, in the operator's words. */
export function updateText(status: UpdateStatus, formatTime: (epochMs: number) => string = defaultTime): string {
  switch (status.kind) {
    case 'off':
      return status.reason;
    case 'idle':
      return status.checkedAt === null ? 'Not checked for updates yet.' : `Up to date (checked at ${formatTime(status.checkedAt)}).`;
    case 'checking':
      return 'Checking for updates…';
    case 'downloading':
      return `Update ${status.version} downloading ${status.percent} %`;
    case 'ready':
      return status.waitingForCampaign
        ? `Update ${status.version} is ready. Will restart when the campaign pauses or finishes.`
        : `Update ${status.version} is ready.`;
    case 'restarting':
      return `Restarting to install update ${status.version}…`;
    case 'error':
      return `Could not update (${formatTime(status.checkedAt)}): ${status.message.replace(/\.$/, '')}. The app tries again in a few hours.`;
  }
}

/** Whether the banner shows at all: only while an update is on its way or waiting for a restart. */
export const showsBanner = (status: UpdateStatus | null): boolean =>
  status !== null && (status.kind === 'downloading' || status.kind === 'ready' || status.kind === 'restarting');

const defaultTime = (epochMs: number) => new Date(epochMs).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
