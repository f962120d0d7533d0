import { formatBytes } from '../../i18n/format';

/**
 * Bytes in the unit an operator reads at a glance, in the operator's language ("820 KB", "12,4 MB"): the i18n
 * formatBytes. Kept under this name for the screens that still import it; new code imports formatBytes.
 */
export const formatSize = (bytes: number): string => formatBytes(bytes);
