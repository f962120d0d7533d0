/**
 * Sending in the background: the question asked when the window is closed mid-campaign, and the tray icon shown
 * while the window is hidden ("Show", "Pause campaign", "Quit"). The decision itself is src/app/close-policy.ts.
 */
import type { BrowserWindow, Dialog, Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import type { CloseChoice } from '../app/close-policy';
import { inEnglish, type MainTranslate } from '../app/i18n/main-messages';
import { maskDigits } from '../app/notification-policy';
import type { CampaignSummary } from '../shared/contract/campaign';

/** Journalled when the campaign is paused from the tray (no notification for it: the operator asked). */
export const PAUSED_FROM_TRAY = 'Paused from the tray.';

/** A 16×16 green dot: the tray icon when no app icon file ships (nativeImage cannot show an empty image). */
export const FALLBACK_TRAY_ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAaUlEQVR42q2TsQ0AIQhFnYSOzQi7ON/fhuau4RJi8Ixi8Rrif4piY2irkBWJoZ2hYKg58BqtBOKBZ4L5mlQgP8ERGQW02Dk7CUVB3wh/9CjAgQBRYAcCuyoot1C+xPIzlgfpyihf+UzbvK+D+CTEdGJaAAAAAElFTkSuQmCC';

/** The close question's dialog options, in the operator's language; the buttons' order is CHOICES'. */
export function closeQuestion(campaign: CampaignSummary, platform: NodeJS.Platform, t: MainTranslate = inEnglish): Electron.MessageBoxOptions {
  const { sent, total } = campaign.counts;
  const name = t('main.notice.quotedName', { name: maskDigits(campaign.name) });
  return {
    type: 'question',
    title: t('main.close.title'),
    message: t('main.close.message', { name, sent, total }),
    detail: t('main.close.detail', { where: platform === 'darwin' ? 'menuBar' : 'tray' }),
    buttons: [t('main.close.background'), t('main.close.pause'), t('main.close.cancel')],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
  };
}

const CHOICES: readonly CloseChoice[] = ['background', 'pause', 'cancel'];

export function askOnClose(
  dialog: Pick<Dialog, 'showMessageBox'>,
  window: () => BrowserWindow | null,
  platform: NodeJS.Platform = process.platform,
  t: MainTranslate = inEnglish,
): (campaign: CampaignSummary) => Promise<CloseChoice> {
  return async (campaign) => {
    const win = window();
    const options = closeQuestion(campaign, platform, t);
    const answer = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
    return CHOICES[answer.response] ?? 'cancel';
  };
}

export interface TrayActions {
  show(): void;
  pause(): void;
  quit(): void;
}

export function trayMenuTemplate(sending: CampaignSummary | null, actions: TrayActions, t: MainTranslate = inEnglish): MenuItemConstructorOptions[] {
  return [
    { label: t('main.tray.show'), click: actions.show },
    { label: t('main.tray.pause'), enabled: sending !== null, click: actions.pause },
    { type: 'separator' },
    { label: t('main.tray.quit'), click: actions.quit },
  ];
}

export function trayTooltip(sending: CampaignSummary | null, t: MainTranslate = inEnglish): string {
  if (!sending) return t('app.brand');
  const { sent, total } = sending.counts;
  const name = t('main.notice.quotedName', { name: maskDigits(sending.name) });
  return t('main.tray.tooltipSending', { name, sent, total, waiting: sending.state === 'waiting' ? 'yes' : 'no' });
}

export interface TrayDeps {
  Tray: new (image: NativeImage) => Pick<Tray, 'setToolTip' | 'setContextMenu' | 'on' | 'destroy' | 'isDestroyed'>;
  Menu: Pick<typeof Menu, 'buildFromTemplate'>;
  /** The app icon, or FALLBACK_TRAY_ICON's image when none ships. */
  icon: () => NativeImage;
  sending: () => CampaignSummary | null;
  actions: TrayActions;
  /** The words, in the operator's language; English when absent. */
  t?: MainTranslate;
}

/** The tray icon, there only while the window is hidden in the background. */
export class BackgroundTray {
  private tray: ReturnType<typeof this.create> | null = null;

  constructor(private readonly deps: TrayDeps) {}

  get visible(): boolean {
    return this.tray !== null;
  }

  show(): void {
    if (!this.tray) this.tray = this.create();
    this.refresh();
  }

  /** Brings the menu and tooltip up to date (the campaign's progress, Pause once nothing sends). */
  refresh(): void {
    if (!this.tray || this.tray.isDestroyed()) return;
    const sending = this.deps.sending();
    const t = this.deps.t ?? inEnglish;
    this.tray.setToolTip(trayTooltip(sending, t));
    this.tray.setContextMenu(this.deps.Menu.buildFromTemplate(trayMenuTemplate(sending, this.deps.actions, t)));
  }

  hide(): void {
    if (this.tray && !this.tray.isDestroyed()) this.tray.destroy();
    this.tray = null;
  }

  private create() {
    const tray = new this.deps.Tray(this.deps.icon());
    // Windows and Linux: a click on the icon brings the window back (macOS opens the menu).
    tray.on('click', () => this.deps.actions.show());
    return tray;
  }
}
