/** What a transport knows about who sent a call. */
export interface SenderInfo {
  /** URL of the frame that sent it (Electron: senderFrame.url; browser host: the WebSocket's Origin). */
  url: string;
  /** Subframes (an embedded page) are never trusted. */
  isMainFrame: boolean;
}

/** True only for the app's own top-level page: known origin, main frame. */
export function isTrustedSender(sender: SenderInfo, trustedOrigins: readonly string[]): boolean {
  if (!sender.isMainFrame) return false;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return false;
  }
  // URL.origin is "null" for non-special schemes such as the app's own app://renderer, so build it by hand.
  const origin = `${url.protocol}//${url.host}`;
  return trustedOrigins.includes(origin);
}
