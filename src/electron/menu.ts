/**
 * The application menu. Built by a pure function so its contents are tested: a packaged app has no DevTools and
 * no Reload (a reload would drop the page's state mid-campaign; DevTools would hand anyone at the keyboard the
 * app's privileged page). `npm start` from the repository (app.isPackaged false) keeps them for development.
 */
import type { Menu, MenuItemConstructorOptions } from 'electron';
import { inEnglish, type MainTranslate } from '../app/i18n/main-messages';

export interface MenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  /** True only when running unpackaged (`npm start`): adds Reload and DevTools. */
  development: boolean;
  /**
   * Help → "Open logs folder", when the app keeps logs on disk. Left out while nothing provides it; whoever adds
   * the log files passes the function here (src/main.ts).
   */
  openLogsFolder?: () => void;
  /**
   * The words, in the operator's language; English when absent. Electron names role items in English on Windows
   * and Linux, so every item gets its label here (macOS names its own app-menu items).
   */
  t?: MainTranslate;
}

export function applicationMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const t = options.t ?? inEnglish;
  // On macOS a menu title has no mnemonic: the & would show.
  const title = (key: Parameters<MainTranslate>[0]) => (mac ? t(key).replace(/&(?=[^&])/g, '') : t(key));
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: options.appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  } else {
    template.push({ label: title('main.menu.file'), submenu: [{ role: 'quit', label: t('main.menu.exit') }] });
  }
  // Without an Edit menu, copy and paste stop working in text fields on macOS (the shortcuts live in the menu).
  template.push({
    label: title('main.menu.edit'),
    submenu: [
      { role: 'undo', label: t('main.menu.undo') },
      { role: 'redo', label: t('main.menu.redo') },
      { type: 'separator' },
      { role: 'cut', label: t('main.menu.cut') },
      { role: 'copy', label: t('main.menu.copy') },
      { role: 'paste', label: t('main.menu.paste') },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete', label: t('main.menu.delete') },
      { type: 'separator' },
      { role: 'selectAll', label: t('main.menu.selectAll') },
    ],
  });
  template.push({ label: title('main.menu.view'), submenu: viewItems(options.development, t) });
  template.push({
    role: 'windowMenu',
    label: title('main.menu.window'),
    submenu: mac
      ? [{ role: 'minimize', label: t('main.menu.minimize') }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }]
      : [
          { role: 'minimize', label: t('main.menu.minimize') },
          { role: 'close', label: t('main.menu.close') },
        ],
  });
  const help: MenuItemConstructorOptions[] = [];
  if (options.openLogsFolder) help.push({ label: t('main.menu.openLogs'), click: options.openLogsFolder });
  if (!mac) help.push({ role: 'about', label: t('main.menu.about') });
  if (help.length > 0) template.push({ role: 'help', label: title('main.menu.help'), submenu: help });
  return template;
}

function viewItems(development: boolean, t: MainTranslate): MenuItemConstructorOptions[] {
  const zoom: MenuItemConstructorOptions[] = [
    { role: 'resetZoom', label: t('main.menu.resetZoom') },
    { role: 'zoomIn', label: t('main.menu.zoomIn') },
    { role: 'zoomOut', label: t('main.menu.zoomOut') },
    { type: 'separator' },
    { role: 'togglefullscreen', label: t('main.menu.fullScreen') },
  ];
  if (!development) return zoom;
  return [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }, ...zoom];
}

/** Every role in a template, submenus included (for tests and a check at start). */
export function menuRoles(template: readonly MenuItemConstructorOptions[]): string[] {
  return template.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? menuRoles(item.submenu) : [])]);
}

export function installApplicationMenu(menu: Pick<typeof Menu, 'buildFromTemplate' | 'setApplicationMenu'>, options: MenuOptions): void {
  menu.setApplicationMenu(menu.buildFromTemplate(applicationMenuTemplate(options)));
}
