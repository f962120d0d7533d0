/** One contact of a campaign: the seam with contact import (src/contacts). */
export interface ContactRecord {
  /** E.164, with the leading `+`. */
  phone: string;
  fields: Record<string, string>;
  /** Row in the imported file (1-based), for messages that point the operator at the source. */
  row: number;
  /**
   * A duplicate the operator kept on the contacts screen (a family sharing one mobile): it gets its own message
   * although an earlier contact has the same number. Only creation reads it (other duplicates are journalled as
   * skipped then), so it is not stored and campaigns written before it resume as they were.
   */
  keptDuplicate?: boolean;
}

/** The opt-out list as the runner sees it (src/contacts/opt-out.ts implements it). */
export interface OptOutCheck {
  has(e164: string): boolean | Promise<boolean>;
}

export const noOptOuts: OptOutCheck = { has: () => false };

/** Digits only, as whatsapp-web.js getNumberId wants them (a leading `+` throws "invalid wid", #3438). */
export const digitsOf = (e164: string): string => e164.replace(/\D/g, '');
