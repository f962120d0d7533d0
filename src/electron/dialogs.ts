import type { BrowserWindow, Dialog } from 'electron';
import type { Dialogs } from '../ipc/handlers/files';
import type { FilePurpose } from '../shared/contract/files';

const filters: Record<FilePurpose, Electron.FileFilter[]> = {
  contacts: [
    { name: 'Contact lists', extensions: ['csv', 'tsv', 'txt', 'xlsx', 'xls', 'ods'] },
    { name: 'All files', extensions: ['*'] },
  ],
  'opt-out': [
    { name: 'Number lists', extensions: ['csv', 'tsv', 'txt', 'xlsx', 'xls', 'ods'] },
    { name: 'All files', extensions: ['*'] },
  ],
  attachment: [
    {
      name: 'Images, video, audio, documents',
      extensions: ['jpg', 'jpeg', 'png', 'webp', 'gif', 'mp4', 'mp3', 'ogg', 'm4a', 'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'txt', 'zip'],
    },
    { name: 'All files', extensions: ['*'] },
  ],
  template: [{ name: 'Text', extensions: ['txt', 'md'] }],
};

/** Where the browser dialog opens: where Chrome, Edge and Chromium are usually installed. */
export function browserDialogOptions(platform: NodeJS.Platform): Electron.OpenDialogOptions {
  if (platform === 'win32') {
    return {
      title: 'Choose Chrome, Edge or Chromium',
      defaultPath: 'C:\\Program Files',
      properties: ['openFile'],
      filters: [{ name: 'Programs', extensions: ['exe'] }],
    };
  }
  // macOS: the .app bundle can be chosen as it is (browser-check looks inside it).
  return {
    title: 'Choose Chrome, Edge or Chromium',
    defaultPath: platform === 'darwin' ? '/Applications' : '/usr/bin',
    properties: ['openFile'],
  };
}

export function electronDialogs(
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>,
  window: () => BrowserWindow | null,
  platform: NodeJS.Platform = process.platform,
): Dialogs {
  return {
    async pickOpen(purpose) {
      const win = window();
      const options = { properties: ['openFile' as const], filters: filters[purpose] };
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
      const options = browserDialogOptions(platform);
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
  };
}
