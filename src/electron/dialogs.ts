import type { BrowserWindow, Dialog } from 'electron';
import { inEnglish, type MainTranslate } from '../app/i18n/main-messages';
import type { Dialogs } from '../ipc/handlers/files';
import type { FilePurpose } from '../shared/contract/files';

/** The open dialog's file types for each purpose, named in the operator's language. */
export function fileFilters(purpose: FilePurpose, t: MainTranslate = inEnglish): Electron.FileFilter[] {
  const all = { name: t('main.dialog.allFiles'), extensions: ['*'] };
  const lists = ['csv', 'tsv', 'txt', 'xlsx', 'xls', 'ods'];
  switch (purpose) {
    case 'contacts':
      return [{ name: t('main.dialog.contactLists'), extensions: lists }, all];
    case 'opt-out':
      return [{ name: t('main.dialog.numberLists'), extensions: lists }, all];
    case 'attachment':
      return [
        {
          name: t('main.dialog.attachments'),
          extensions: [
            'jpg',
            'jpeg',
            'png',
            'webp',
            'gif',
            'mp4',
            'mp3',
            'ogg',
            'm4a',
            'pdf',
            'doc',
            'docx',
            'xls',
            'xlsx',
            'ppt',
            'pptx',
            'txt',
            'zip',
          ],
        },
        all,
      ];
    case 'template':
      return [{ name: t('main.dialog.text'), extensions: ['txt', 'md'] }];
  }
}

/** Where the browser dialog opens: where Chrome, Edge and Chromium are usually installed. */
export function browserDialogOptions(platform: NodeJS.Platform, t: MainTranslate = inEnglish): Electron.OpenDialogOptions {
  if (platform === 'win32') {
    return {
      title: t('main.dialog.chooseBrowser'),
      defaultPath: 'C:\\Program Files',
      properties: ['openFile'],
      filters: [{ name: t('main.dialog.programs'), extensions: ['exe'] }],
    };
  }
  // macOS: the .app bundle can be chosen as it is (browser-check looks inside it).
  return {
    title: t('main.dialog.chooseBrowser'),
    defaultPath: platform === 'darwin' ? '/Applications' : '/usr/bin',
    properties: ['openFile'],
  };
}

export function electronDialogs(
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>,
  window: () => BrowserWindow | null,
  platform: NodeJS.Platform = process.platform,
  /** The words, in the operator's language at the time a dialog opens; English when absent. */
  t: MainTranslate = inEnglish,
): Dialogs {
  return {
    async pickOpen(purpose) {
      const win = window();
      const options = { properties: ['openFile' as const], filters: fileFilters(purpose, t) };
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    async pickSave(suggestedName) {
      const win = window();
      const options = { defaultPath: suggestedName };
      const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return r.canceled ? null : (r.filePath ?? null);
    },
    async pickBrowser() {
      const win = window();
      const options = browserDialogOptions(platform, t);
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
  };
}
