import type { AppInfo } from '../src/shared/contract/connection';
import type { WaStatus } from '../src/shared/status';

/** The sections of the app (screens.tsx lists them in order with their components). */
export type ScreenKey = 'connection' | 'contacts' | 'message' | 'send' | 'history';

/**
 * What every section's screen gets. Its own module, so the screens import it without importing screens.tsx,
 * which imports them.
 */
export interface ScreenProps {
  status: WaStatus | null;
  info: AppInfo | null;
  /** Switch to another section (e.g. "Next: write the message"). */
  go: (screen: ScreenKey) => void;
}
