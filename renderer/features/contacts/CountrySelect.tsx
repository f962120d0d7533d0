import { useEffect, useState } from 'react';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

interface CountryOption {
  code: string;
  label: string;
}

let loaded: Promise<CountryOption[]> | null = null;

/**
 * Every country the phone checker knows, by name, with its calling code: "United Arab Emirates (+971)". The list
 * comes from libphonenumber's metadata, loaded on first use so it does not weigh on the app's first paint.
 */
function countryOptions(): Promise<CountryOption[]> {
  loaded ??= import('libphonenumber-js/min').then(({ getCountries, getCountryCallingCode }) =>
    getCountries()
      .map((code) => ({ code, label: `${regionNames.of(code) ?? code} (+${getCountryCallingCode(code)})` }))
      .sort((a, b) => a.label.localeCompare(b.label)),
  );
  return loaded;
}

/**
 * "United Kingdom (+44)" for a two-letter code: the name at once, the calling code once the list has loaded (it is
 * loaded on first use, see countryOptions).
 */
export function useCountryLabel(code: string): string {
  const [options, setOptions] = useState<CountryOption[] | null>(null);
  useEffect(() => {
    let live = true;
    void countryOptions().then((o) => live && setOptions(o));
    return () => {
      live = false;
    };
  }, []);
  return options?.find((o) => o.code === code)?.label ?? regionNames.of(code) ?? code;
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
  const [options, setOptions] = useState<CountryOption[] | null>(null);
  useEffect(() => {
    let live = true;
    void countryOptions().then((o) => live && setOptions(o));
    return () => {
      live = false;
    };
  }, []);
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled} className="country-select" aria-label={label}>
      {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : value === '' && <option value="">Choose a country…</option>}
      {/* Until the list is here, the current choice is still shown by name. */}
      {options === null && value !== '' && <option value={value}>{regionNames.of(value) ?? value}</option>}
      {options?.map((o) => (
        <option key={o.code} value={o.code}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
