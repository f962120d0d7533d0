/**
 * Desktop notifications through Electron's Notification, behind the small port the notification policy
 * (src/app/notification-policy.ts) talks to. Clicking one shows the window.
 */
import type { Notification, NotificationConstructorOptions, NativeImage } from 'electron';
import type { Notice } from '../app/notification-policy';

/** The parts of Electron's Notification used here (tests pass a fake class). */
export interface NotificationClass {
  new (options: NotificationConstructorOptions): Pick<Notification, 'on' | 'show'>;
  isSupported(): boolean;
}

export function electronNotices(
  NotificationImpl: NotificationClass,
  onClick: () => void,
  /** The app icon, asked for at the first notification. */
  icon?: () => NativeImage,
): (notice: Notice) => void {
  // Electron may collect a notification nobody refers to, and its click is lost: keep each until it is done.
  const shown = new Set<Pick<Notification, 'on' | 'show'>>();
  return (notice) => {
    if (!NotificationImpl.isSupported()) return;
    const n = new NotificationImpl({ title: notice.title, body: notice.body, ...(icon ? { icon: icon() } : {}) });
    shown.add(n);
    // Some systems never say a notification closed: keep only the latest few.
    if (shown.size > 20) shown.delete(shown.values().next().value!);
    const forget = () => shown.delete(n);
    n.on('click', () => {
      forget();
      onClick();
    });
    n.on('close', forget);
    n.on('failed', forget);
    n.show();
  };
}
