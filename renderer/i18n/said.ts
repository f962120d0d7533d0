import type { Language } from '../../src/shared/languages';
import type { AppError, Said } from '../../src/shared/result';
import type { Messages } from './messages';
import { translatorFor, type Translate } from './translate';

// Errors main returns with a `said` (a message key and its values, src/shared/result.ts) are shown in the
// operator's language: the api (renderer/api.ts) puts the translated text in `error.message` as each answer comes,
// so every screen's `r.error.message` reads right without knowing about keys. The provider tells this module the
// language's messages whenever they change.
let known: Messages | null = null;
let translate: Translate | null = null;

export function setSaidLanguage(language: Language, messages: Messages): void {
  known = messages;
  translate = translatorFor(language, messages);
}

/** The text of a `said` in the active language, or null when it is not one of the app's messages. */
export function saidText(said: Said | undefined): string | null {
  if (!said || !known || !translate || !(said.key in known)) return null;
  return translate(said.key as keyof Messages, said.values);
}

/** An error with its message in the active language when main said it with a key. */
export function sayError(error: AppError): AppError {
  const text = saidText(error.said);
  return text === null ? error : { ...error, message: text };
}

const isFailedResult = (value: unknown): value is { ok: false; error: AppError } =>
  typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false && typeof (value as { error?: unknown }).error === 'object';

/**
 * The same api, whose answers carry their errors in the operator's language. A copy, not a Proxy: the preload's
 * object is frozen by Electron's contextBridge. Listeners (on…) return their unsubscribe and are passed through.
 */
export function sayingErrors<A extends object>(api: A): A {
  const copy: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(api)) {
    copy[name] =
      typeof value !== 'function'
        ? value
        : (...args: unknown[]) => {
            const out = (value as (...a: unknown[]) => unknown).apply(api, args);
            if (!(out instanceof Promise)) return out;
            return out.then((r: unknown) => (isFailedResult(r) ? { ...r, error: sayError(r.error) } : r));
          };
  }
  return copy as A;
}
