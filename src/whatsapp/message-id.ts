/**
 * Reads a whatsapp-web.js message id in any of the shapes it reaches Node in. Since WhatsApp Web
 * 2.3000.1042401057 (mid-July 2026) a message key keeps its serialized id in a minified `$1` field instead of
 * `_serialized` (WHATSAPP.md #12; wa-js PR #3484); `Wid` objects (the `remote`) still have `_serialized`.
 */

/** A chat or user id: a string, or a `Wid` as serialized by the library. */
export type WidLike = string | { _serialized?: unknown; user?: unknown; server?: unknown };

/** A message key (`msg.id`) from either generation of WhatsApp Web. */
export interface MessageKeyLike {
  _serialized?: unknown;
  $1?: unknown;
  fromMe?: unknown;
  remote?: WidLike | null;
  id?: unknown;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** `user@server`, from a string or a Wid; null when neither form is there. */
export function widToString(wid: WidLike | null | undefined): string | null {
  if (typeof wid === 'string') return text(wid);
  if (!wid) return null;
  const serialized = text(wid._serialized);
  if (serialized) return serialized;
  const user = text(wid.user);
  const server = text(wid.server);
  return user && server ? `${user}@${server}` : null;
}

/**
 * The serialized id (`true_15550001111@c.us_3EB0…`): `_serialized`, else `$1`, else rebuilt from the key's parts
 * the way WhatsApp serializes it. Null when the key is missing or has none of these.
 */
export function messageIdOf(key: MessageKeyLike | string | null | undefined): string | null {
  if (typeof key === 'string') return text(key);
  if (!key || typeof key !== 'object') return null;
  const serialized = text(key._serialized) ?? text(key.$1);
  if (serialized) return serialized;
  const remote = widToString(key.remote);
  const id = text(key.id);
  if (typeof key.fromMe !== 'boolean' || !remote || !id) return null;
  return `${key.fromMe}_${remote}_${id}`;
}
