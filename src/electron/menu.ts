/**
 * The application menu. Built by a pure function so its contents are tested: a packaged app has no DevTools and
 * no Reload (a reload would drop the page's state mid-campaign; DevTools would hand anyone at the keyboard the
 * app's privileged page). `npm start` from the repository (app.isPackaged false) keeps them for development.
 */
import type { Menu, MenuItemConstructorOptions } from 'electron';

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
}

export function applicationMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
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
    template.push({ label: '&File', submenu: [{ role: 'quit', label: 'E&xit' }] });
  }
  // Without an Edit menu, copy and paste stop working in text fields on macOS (the shortcuts live in the menu).
  template.push({
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  });
  template.push({ label: '&View', submenu: viewItems(options.development) });
  template.push({
    role: 'windowMenu',
    submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }],
  });
  const help: MenuItemConstructorOptions[] = [];
  if (options.openLogsFolder) help.push({ label: 'Open logs folder', click: options.openLogsFolder });
  if (!mac) help.push({ role: 'about' });
  if (help.length > 0) template.push({ role: 'help', submenu: help });
  return template;
}

function viewItems(development: boolean): MenuItemConstructorOptions[] {
  const zoom: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
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
