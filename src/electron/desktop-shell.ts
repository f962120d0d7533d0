/**
 * The desktop behaviours around the main window, wired in one place so src/main.ts stays thin: the application
 * menu, the remembered window size and position, the close question and the tray while sending in the background,
 * and desktop notifications. Each piece's logic lives in its own module (menu.ts, window-state.ts, tray.ts,
 * notifications.ts, and the plain-Node src/app/close-policy.ts and notification-policy.ts).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { App, BrowserWindow, BrowserWindowConstructorOptions, Dialog, Menu, NativeImage, Screen, Tray } from 'electron';
import type { CampaignActivity } from '../app/campaign-activity';
import { CloseGuard } from '../app/close-policy';
import type { MainLanguage } from '../app/i18n/main-messages';
import { NotificationPolicy } from '../app/notification-policy';
import type { Clock } from '../platform/clock';
import { WindowStateFile } from '../platform/window-bounds';
import type { Unsubscribe } from '../shared/events';
import type { WaStatus } from '../shared/status';
import { installApplicationMenu } from './menu';
import { electronNotices, type NotificationClass } from './notifications';
import { askOnClose, BackgroundTray, FALLBACK_TRAY_ICON, PAUSED_FROM_TRAY } from './tray';
import { restorePlacement, trackWindowState } from './window-state';

/** The Electron objects the shell uses (the real module in the app, fakes in tests). */
export interface ShellElectron {
  app: Pick<App, 'on' | 'quit' | 'isPackaged' | 'name' | 'getAppPath' | 'setAppUserModelId'>;
  Menu: Pick<typeof Menu, 'buildFromTemplate' | 'setApplicationMenu'>;
  Tray: new (image: NativeImage) => Pick<Tray, 'setToolTip' | 'setContextMenu' | 'on' | 'destroy' | 'isDestroyed'>;
  Notification: NotificationClass;
  nativeImage: { createFromPath(p: string): NativeImage; createFromDataURL(url: string): NativeImage };
  screen: Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay'>;
  dialog: Pick<Dialog, 'showMessageBox'>;
}

export interface ShellServices {
  campaigns: CampaignActivity;
  whatsapp: { onStatus(listener: (status: WaStatus) => void): Unsubscribe };
  logger: { info(source: string, message: string): void; warn(source: string, message: string): void };
  paths: { userData: string };
}

export interface ShellOptions {
  clock: Clock;
  platform?: NodeJS.Platform;
  /** Opens a new main window (macOS, where the app lives on with none). */
  openWindow(): void;
  /** Help → Open logs folder, once the app keeps log files (see menu.ts). */
  openLogsFolder?: () => void;
  /** Windows: the AppUserModelID notifications are shown under (electron-builder's appId). */
  appId?: string;
  /** The operator's language for the menu, the tray, the close question and notifications; English when absent. */
  language?: Pick<MainLanguage, 't' | 'onChange'>;
}

type MainWindow = Pick<
  BrowserWindow,
  | 'on'
  | 'once'
  | 'show'
  | 'hide'
  | 'focus'
  | 'restore'
  | 'isMinimized'
  | 'isVisible'
  | 'isFocused'
  | 'isDestroyed'
  | 'close'
  | 'maximize'
  | 'getNormalBounds'
  | 'isMaximized'
>;

/** The app icon as shipped (electron-builder's `icon: build/icons`), found from the app's folder. */
export function appIconCandidates(appPath: string): string[] {
  return ['32x32.png', '64x64.png', '256x256.png'].map((name) => path.join(appPath, 'build', 'icons', name));
}

export class DesktopShell {
  private win: MainWindow | null = null;
  private guard: CloseGuard | null = null;
  private quitting = false;
  private readonly tray: BackgroundTray;
  private readonly stateFile: WindowStateFile;
  private readonly platform: NodeJS.Platform;
  private icon: NativeImage | null = null;

  private constructor(
    private readonly electron: ShellElectron,
    private readonly services: ShellServices,
    private readonly options: ShellOptions,
  ) {
    this.platform = options.platform ?? process.platform;
    this.stateFile = WindowStateFile.in(services.paths.userData, (m) => services.logger.warn('window', m));
    this.tray = new BackgroundTray({
      Tray: electron.Tray,
      Menu: electron.Menu,
      // macOS draws the menu-bar icon at its size in points: 16 fits the bar.
      icon: () => (this.platform === 'darwin' ? this.appIcon().resize({ width: 16, height: 16 }) : this.appIcon()),
      sending: () => services.campaigns.sending(),
      ...(options.language ? { t: options.language.t } : {}),
      actions: {
        show: () => this.showWindow(),
        pause: () => {
          if (services.campaigns.pauseSending(PAUSED_FROM_TRAY)) services.logger.info('app', 'Campaign paused from the tray.');
          this.tray.refresh();
        },
        // before-quit runs the services' shutdown, which pauses the campaign cleanly first.
        quit: () => electron.app.quit(),
      },
    });
  }

  /** Sets the menu, reads the saved window state, subscribes notifications. Call once, after ready. */
  static async create(electron: ShellElectron, services: ShellServices, options: ShellOptions): Promise<DesktopShell> {
    const shell = new DesktopShell(electron, services, options);
    await shell.start();
    return shell;
  }

  private installMenu(): void {
    const { app } = this.electron;
    installApplicationMenu(this.electron.Menu, {
      platform: this.platform,
      appName: app.name,
      development: !app.isPackaged,
      ...(this.options.openLogsFolder ? { openLogsFolder: this.options.openLogsFolder } : {}),
      ...(this.options.language ? { t: this.options.language.t } : {}),
    });
  }

  private async start(): Promise<void> {
    const { app } = this.electron;
    this.installMenu();
    // The operator chose another language in Settings: the menu and the tray say it at once.
    this.options.language?.onChange(() => {
      this.installMenu();
      this.tray.refresh();
    });
    if (this.platform === 'win32' && this.options.appId) app.setAppUserModelId(this.options.appId);
    // Windows close without asking once the app quits: its shutdown pauses what is sending.
    app.on('before-quit', () => {
      this.quitting = true;
      this.guard?.quit();
    });
    await this.stateFile.load();
    const policy = new NotificationPolicy({
      show: electronNotices(
        this.electron.Notification,
        () => this.showWindow(),
        () => this.appIcon(),
      ),
      windowInFront: () => this.inFront(),
      clock: this.options.clock,
      ...(this.options.language ? { t: this.options.language.t } : {}),
    });
    policy.watch(this.services.campaigns, this.services.whatsapp);
    this.services.campaigns.onChange(() => this.tray.refresh());
  }

  /** The window's options: the remembered size and place, and no DevTools in a packaged app. */
  windowOptions(base: BrowserWindowConstructorOptions): BrowserWindowConstructorOptions {
    const placement = restorePlacement(this.stateFile, this.electron.screen, {
      width: base.width ?? 1200,
      height: base.height ?? 820,
      minWidth: base.minWidth ?? 0,
      minHeight: base.minHeight ?? 0,
    });
    return {
      ...base,
      ...placement.bounds,
      webPreferences: { ...base.webPreferences, devTools: !this.electron.app.isPackaged },
    };
  }

  /** Remembers the window's state, guards its close, and maximises it if it was. */
  attach(win: MainWindow): void {
    this.win = win;
    // Once it is ready to show: maximize() shows a window, and it must not show before its page is drawn.
    if (this.stateFile.current?.maximized) win.once('ready-to-show', () => win.maximize());
    trackWindowState(win, this.stateFile, this.options.clock);
    const guard = new CloseGuard({
      campaigns: this.services.campaigns,
      ask: askOnClose(this.electron.dialog, () => (this.win === win ? (win as BrowserWindow) : null), this.platform, this.options.language?.t),
      toBackground: () => {
        win.hide();
        this.tray.show();
      },
      close: () => win.close(),
      log: (m) => this.services.logger.info('app', m),
    });
    if (this.quitting) guard.quit();
    this.guard = guard;
    win.on('close', (event) => guard.onClose(event));
    win.on('closed', () => {
      if (this.win !== win) return;
      this.win = null;
      this.guard = null;
      this.tray.hide();
    });
  }

  /** Brings the window back (tray, notification click, a second launch); opens one if there is none. */
  showWindow(): void {
    const win = this.win;
    if (!win || win.isDestroyed()) {
      this.options.openWindow();
      return;
    }
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
    this.tray.hide();
  }

  private inFront(): boolean {
    const win = this.win;
    return !!win && !win.isDestroyed() && win.isVisible() && !win.isMinimized() && win.isFocused();
  }

  private appIcon(): NativeImage {
    if (this.icon) return this.icon;
    const { nativeImage, app } = this.electron;
    for (const file of appIconCandidates(app.getAppPath())) {
      if (!existsSync(file)) continue;
      const image = nativeImage.createFromPath(file);
      if (!image.isEmpty()) return (this.icon = image);
    }
    return (this.icon = nativeImage.createFromDataURL(FALLBACK_TRAY_ICON));
  }
}
