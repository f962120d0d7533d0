import { useId, useState } from 'react';
import { LANGUAGE_CHOICES, LANGUAGE_NAMES, type LanguageChoice } from '../../../src/shared/languages';
import { ErrorNote } from '../../components/ErrorNote';
import { useLanguage, useT } from '../../i18n';

/**
 * The app's language: "System language" (the default: the system's, or the browser's in the browser host) or one
 * of the seven. Saved in settings.json, so it is the same after a restart; the window switches at once.
 */
export function LanguageSetting() {
  const t = useT();
  const { choice, systemLanguage, choose } = useLanguage();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();

  async function change(next: LanguageChoice) {
    setBusy(true);
    setProblem(null);
    try {
      const saved = await choose(next);
      if (!saved.ok) setProblem(saved.error.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="field">
      <label htmlFor={id}>{t('settings.language.label')}</label>
      <select id={id} value={choice} disabled={busy} data-testid="language-select" onChange={(e) => void change(e.target.value as LanguageChoice)}>
        {LANGUAGE_CHOICES.map((option) => (
          // Each language is named in itself, so an operator finds theirs whatever the window shows now.
          <option key={option} value={option} lang={option === 'system' ? undefined : option}>
            {option === 'system' ? t('settings.language.system', { language: LANGUAGE_NAMES[systemLanguage] }) : LANGUAGE_NAMES[option]}
          </option>
        ))}
      </select>
      <p className="muted small">{t('settings.language.hint')}</p>
      <ErrorNote message={problem} />
    </div>
  );
}
