/** The one status model the whole app uses for the WhatsApp connection. */
export type WaStatus =
  /** Not started, or stopped after a log out. */
  | { kind: 'idle' }
  /** Browser starting or WhatsApp Web loading; percent from `loading_screen` when known. */
  | { kind: 'starting'; percent: number | null; message: string }
  /**
   * Waiting for the phone to scan; the QR is a PNG data URL (for the window) and its text (for a terminal), both
   * replaced as WhatsApp rotates it.
   */
  | { kind: 'qr'; qrDataUrl: string; qrText: string }
  | { kind: 'authenticated' }
  | { kind: 'ready'; account: { number: string; name: string } }
  | { kind: 'auth_failure'; message: string }
  | {
      kind: 'disconnected';
      reason: string;
      /**
       * The browser and session are alive and WhatsApp Web is reconnecting by itself (its socket left CONNECTED,
       * WHATSAPP.md #13): it comes back to ready without anyone connecting again.
       */
      reconnecting?: boolean;
    }
  /** Something a person can act on; `actions` says which buttons make sense. */
  | { kind: 'error'; message: string; actions: Array<'retry' | 'reset-cache'> };

export type WaStatusKind = WaStatus['kind'];

export interface LogLine {
  /** Epoch milliseconds. */
  at: number;
  level: 'info' | 'warn' | 'error';
  source: string;
  message: string;
}
