/** Keeps numbers out of info-level logs: only the last four digits of a number or chat id are shown. */
export function maskNumber(numberOrChatId: string): string {
  const digits = numberOrChatId.split('@')[0]?.replace(/\D/g, '') ?? '';
  return digits.length <= 4 ? '****' : `…${digits.slice(-4)}`;
}

/** Digits only (WHATSAPP.md #3: a leading `+` makes getNumberId throw "invalid wid"). */
export function isDigitsOnly(value: string): boolean {
  return /^\d{5,20}$/.test(value);
}
