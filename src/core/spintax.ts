/**
 * Deterministic randomness for spintax: the same contact in the same campaign always gets the same text, so a
 * retried or reconciled send produces exactly the body that may already be in the chat.
 */

/** 32-bit FNV-1a hash of a string. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: small, fast and good enough to pick between a handful of phrasings. Returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The random source a contact's spintax choices come from: seeded by campaign id and phone. */
export function contactRandom(campaignId: string, phone: string): () => number {
  return seededRandom(hashString(`${campaignId}\u0000${phone}`));
}

/** Picks an index in [0, count) from a random source. */
export function pickIndex(random: () => number, count: number): number {
  return Math.min(count - 1, Math.floor(random() * count));
}
