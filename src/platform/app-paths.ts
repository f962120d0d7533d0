import path from 'node:path';

/**
 * Every file the app writes lives under one user-data folder (Electron's app.getPath('userData'), or a folder
 * given to the browser host / CLI). Nothing is written to the working directory.
 */
export interface AppPaths {
  userData: string;
  /** LocalAuth's dataPath: whatsapp-web.js keeps the browser profile (the session) below it. */
  sessionDir: string;
  /** The web version cache older versions wrote (webVersionCache 'local'); now only deleted (wipe, reset cache). */
  webCacheDir: string;
  /** Present when a log out could not delete everything; honoured before anything else on next start. */
  pendingWipeMarker: string;
  settingsFile: string;
  /** Opt-out list (numbers never to message). */
  optOutFile: string;
  /** One folder per campaign (journal, contacts snapshot, attachment copy). */
  campaignsDir: string;
  /** Remembered column mappings per file layout, saved templates, daily counters. */
  stateDir: string;
  /** Scratch space (uploads in the browser host, exports before download). */
  tempDir: string;
  /** The rotated log files (app.log, app.1.log, …), redacted: no message texts, QR codes or whole numbers. */
  logsDir: string;
}

export function appPathsFor(userData: string): AppPaths {
  const root = path.resolve(userData);
  return {
    userData: root,
    sessionDir: path.join(root, 'whatsapp', 'session'),
    webCacheDir: path.join(root, 'whatsapp', 'web-cache'),
    pendingWipeMarker: path.join(root, 'whatsapp', 'pending-wipe.json'),
    settingsFile: path.join(root, 'settings.json'),
    optOutFile: path.join(root, 'opt-out.json'),
    campaignsDir: path.join(root, 'campaigns'),
    stateDir: path.join(root, 'state'),
    tempDir: path.join(root, 'tmp'),
    logsDir: path.join(root, 'logs'),
  };
}
