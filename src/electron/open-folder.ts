import type { Shell } from 'electron';

/**
 * Opens a folder in the system's file manager. Electron's shell.openPath resolves with an error message (an empty
 * string when it worked) instead of rejecting; this turns that message into an error.
 */
export function folderOpener(shell: Pick<Shell, 'openPath'>): (folder: string) => Promise<void> {
  return async (folder) => {
    const problem = await shell.openPath(folder);
    if (problem) throw new Error(problem);
  };
}
