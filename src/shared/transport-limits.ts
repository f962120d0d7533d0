/**
 * Size limits both ends of the browser host's WebSocket agree on: the host's `ws` server refuses a larger message
 * (maxPayload, close code 1009) and the page's transport refuses to send one, with an error naming the limit.
 * Pure: imported by the host (Node) and the renderer alike.
 */

/**
 * Largest invoke message (the JSON envelope, in UTF-8 bytes). It carries the contract's largest request:
 * `contacts:importText` takes up to 50,000,000 characters of pasted numbers, and JSON writes a digit as one
 * byte and a line break as two ("\n"), so one number a line fits in 2 x 50 M bytes plus the envelope
 * (test/unit/devhost/bad-frames.test.ts checks the two stay in step).
 */
export const MAX_IPC_MESSAGE_BYTES = 128 * 1024 * 1024;

/** The limit as people read it: "128 MB". */
export function describeBytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/**
 * How many bytes `text` takes in UTF-8, as WebSocket.send encodes it (a lone surrogate becomes U+FFFD: 3 bytes),
 * without encoding it.
 */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Whether `text` is more than `limit` bytes in UTF-8. Cheap for the usual case: a text of at most limit / 3
 * characters always fits, one of more than `limit` characters never does; only the rest is counted.
 */
export function exceedsBytes(text: string, limit: number): boolean {
  if (text.length * 3 <= limit) return false;
  if (text.length > limit) return true;
  return utf8ByteLength(text) > limit;
}
