/**
 * Opt-out by reply: a reply that is, as a whole, one of the opt-out keywords ("STOP", "Baja.", " arrêt ") asks not
 * to be messaged again. Case, spaces, punctuation, emoji and the accents of Latin and Arabic letters are ignored; a
 * keyword inside a longer message ("stop by tomorrow?") is not an opt-out. Pure: the app stores the list in its
 * settings and the reply tracker (src/campaign/replies.ts) asks this module.
 */

/** The defaults, by language; the operator can edit the list in Settings. */
export const DEFAULT_OPT_OUT_KEYWORDS_BY_LANGUAGE: Readonly<Record<string, readonly string[]>> = {
  English: ['STOP', 'STOP ALL', 'UNSUBSCRIBE', 'OPT OUT', 'REMOVE ME'],
  Spanish: ['BAJA', 'DAR DE BAJA', 'DARME DE BAJA', 'PARAR', 'DETENER', 'CANCELAR SUSCRIPCIÓN'],
  Portuguese: ['SAIR', 'PARE', 'PARAR', 'DESCADASTRAR', 'CANCELAR INSCRIÇÃO'],
  French: ['ARRÊT', 'ARRÊTER', 'DÉSABONNER', 'DÉSINSCRIRE', 'ME DÉSINSCRIRE'],
  Arabic: ['إلغاء', 'إلغاء الاشتراك', 'إيقاف', 'توقف'],
  Hindi: ['रोकें', 'रोको', 'बंद करें', 'बंद करो', 'अनसब्सक्राइब'],
  Indonesian: ['BERHENTI', 'BERHENTI LANGGANAN', 'HENTIKAN'],
};

/** Every default keyword, in the order above, each once. */
export const DEFAULT_OPT_OUT_KEYWORDS: readonly string[] = [...new Set(Object.values(DEFAULT_OPT_OUT_KEYWORDS_BY_LANGUAGE).flat())];

/** Keywords longer than this are not keywords (a whole sentence would opt out only that exact sentence). */
export const MAX_KEYWORD_CHARS = 40;
export const MAX_KEYWORDS = 200;

/**
 * The comparable form of a text: Unicode-decomposed, accents removed from Latin and Arabic letters (Devanagari's
 * vowel signs are letters' parts, kept), lower case, and only letters, marks and digits kept (no spaces,
 * punctuation, emoji or Arabic tatweel).
 */
export function normaliseKeyword(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .replace(/(\p{Script=Arabic})\p{M}+/gu, '$1')
    .replace(/[\u064B-\u065F\u0670\u0640]/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '')
    .normalize('NFC');
}

export type OptOutMatcher = (body: string) => string | null;

/** A matcher for these keywords: the keyword a reply is (as typed in the list), or null. */
export function createOptOutMatcher(keywords: readonly string[]): OptOutMatcher {
  const byForm = new Map<string, string>();
  for (const keyword of keywords) {
    const form = normaliseKeyword(keyword);
    if (form && !byForm.has(form)) byForm.set(form, keyword.trim());
  }
  return (body) => {
    // A long message is never a keyword: cheap to refuse before normalising it.
    if (body.length > MAX_KEYWORD_CHARS * 4) return null;
    return byForm.get(normaliseKeyword(body)) ?? null;
  };
}

/** The operator's list cleaned: trimmed, empty and over-long entries left out, duplicates (same form) once. */
export function cleanKeywords(keywords: readonly string[]): { keywords: string[]; refused: string[] } {
  const seen = new Set<string>();
  const kept: string[] = [];
  const refused: string[] = [];
  for (const raw of keywords) {
    const keyword = raw.trim();
    if (!keyword) continue;
    const form = normaliseKeyword(keyword);
    if (!form || [...keyword].length > MAX_KEYWORD_CHARS) {
      refused.push(keyword);
      continue;
    }
    if (seen.has(form)) continue;
    seen.add(form);
    kept.push(keyword);
  }
  return { keywords: kept.slice(0, MAX_KEYWORDS), refused };
}
