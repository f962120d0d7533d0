import fs from 'node:fs';
import type { BrowserSearchEnv } from './browser';

/** The real machine: this process's platform and environment, and a file check that accepts only files. */
export function systemBrowserSearchEnv(): BrowserSearchEnv {
  return {
    platform: process.platform,
    env: process.env,
    exists: (filePath) => {
      try {
        return fs.statSync(filePath).isFile();
      } catch {
        return false;
      }
    },
  };
}
