import { useEffect, useState } from 'react';
import { useIntl, useT } from '../../i18n';

interface CountryOption {
  code: string;
  label: string;
}

const namesByLocale = new Map<string, Intl.DisplayNames>();
/** "United Kingdom" (en), "Reino Unido" (es), "المملكة المتحدة" (ar): the country's name in the operator's language. */
function countryName(code: string, locale: string): string {
  let names = namesByLocale.get(locale);
  if (!names) namesByLocale.set(locale, (names = new Intl.DisplayNames([locale, 'en'], { type: 'region' })));
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * "United Kingdom (+44)". In a right-to-left language the calling code is isolated left to right (U+2066…U+2069),
 * so "+44" does not turn into "44+" beside an Arabic name.
 */
const optionLabel = (code: string, callingCode: string, locale: string) =>
  /^ar\b/.test(locale) ? `${countryName(code, locale)} (\u2066+${callingCode}\u2069)` : `${countryName(code, locale)} (+${callingCode})`;

type Metadata = Pick<typeof import('libphonenumber-js/min'), 'getCountries' | 'getCountryCallingCode'>;
let metadata: Promise<Metadata> | null = null;
const optionsByLocale = new Map<string, Promise<CountryOption[]>>();

/**
 * Every country the phone checker knows, by name in the operator's language, with its calling code, in the order
 * that language sorts names. The codes come from libphonenumber's metadata, loaded on first use so it does not weigh
 * on the app's first paint.
 */
function countryOptions(locale: string): Promise<CountryOption[]> {
  metadata ??= import('libphonenumber-js/min');
  let options = optionsByLocale.get(locale);
  if (!options) {
    const collator = new Intl.Collator(locale);
    options = metadata.then(({ getCountries, getCountryCallingCode }) =>
      getCountries()
        .map((code) => ({ code, name: countryName(code, locale), label: optionLabel(code, getCountryCallingCode(code), locale) }))
        .sort((a, b) => collator.compare(a.name, b.name))
        .map(({ code, label }) => ({ code, label })),
    );
    optionsByLocale.set(locale, options);
  }
  return options;
}

/** The country list in the active language, or null while it loads. */
function useCountryOptions(): { options: CountryOption[] | null; locale: string } {
  const { locale } = useIntl();
  const [loaded, setLoaded] = useState<{ locale: string; options: CountryOption[] } | null>(null);
  useEffect(() => {
    let live = true;
    void countryOptions(locale).then((options) => live && setLoaded({ locale, options }));
    return () => {
      live = false;
    };
  }, [locale]);
  return { options: loaded?.locale === locale ? loaded.options : null, locale };
}

/**
 * "United Kingdom (+44)" for a two-letter code, in the operator's language: the name at once, the calling code once
 * the list has loaded (it is loaded on first use, see countryOptions).
 */
export function useCountryLabel(code: string): string {
  const { options, locale } = useCountryOptions();
  return options?.find((o) => o.code === code)?.label ?? countryName(code, locale);
}

interface Props {
  id: string;
  /** Two-letter code, or '' for "not chosen" (main then uses its own guess). */
  value: string;
  onChange: (code: string) => void;
  disabled?: boolean;
  /** Names the select for assistive technology when no <label> does. */
  label?: string;
  /** A choice that leaves the country open ('' ), always offered: "Ask after importing". */
  emptyLabel?: string;
}

/** Picks the country that numbers written without a country code belong to. */
export function CountrySelect({ id, value, onChange, disabled, label, emptyLabel }: Props) {
  const t = useT();
  const { options, locale } = useCountryOptions();
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled} className="country-select" aria-label={label}>
      {emptyLabel !== undefined ? (
        <option value="">{emptyLabel}</option>
      ) : (
        value === '' && <option value="">{t('contacts.countrySelect.choose')}</option>
      )}
      {/* Until the list is here, the current choice is still shown by name. */}
      {options === null && value !== '' && <option value={value}>{countryName(value, locale)}</option>}
      {options?.map((o) => (
        <option key={o.code} value={o.code}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
