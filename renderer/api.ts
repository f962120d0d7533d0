import type { AppApi } from '../src/shared/contract';
import { createAppApi } from '../src/shared/api';
import { sayingErrors } from './i18n/said';
import { createUploadFiles, createWsTransport } from './transport/ws-transport';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser host. */
    api?: AppApi;
  }
}

/**
 * One api for the whole renderer: the preload's in Electron, the WebSocket transport's in the browser host. Errors
 * main gives with a message key come back in the operator's language (i18n/said.ts).
 */
export const api: AppApi = sayingErrors(window.api ?? createAppApi(createWsTransport(), createUploadFiles()));

/** Unwraps a Result for code that shows the error itself. */
export async function must<T>(call: Promise<import('../src/shared/result').Result<T>>): Promise<T> {
  const r = await call;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
