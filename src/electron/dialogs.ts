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
    { name: 'Images, video, audio, documents', extensions: ['jpg', 'jpeg', 'png', 'webp', 'gif', 'mp4', 'mp3', 'ogg', 'm4a', 'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'txt', 'zip'] },
    { name: 'All files', extensions: ['*'] },
  ],
  template: [{ name: 'Text', extensions: ['txt', 'md'] }],
};

export function electronDialogs(dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>, window: () => BrowserWindow | null): Dialogs {
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
  };
}
