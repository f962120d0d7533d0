import { useEffect, useState } from 'react';
import { api } from '../../api';

/** The country of the connected WhatsApp number (main's guess for local numbers), or null when not connected. */
export function useSuggestedCountry(connected: boolean): string | null {
  const [country, setCountry] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void api.suggestCountry().then((r) => live && r.ok && setCountry(r.value));
    return () => {
      live = false;
    };
  }, [connected]);
  return country;
}
