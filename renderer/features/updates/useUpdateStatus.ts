import { useEffect, useState } from 'react';
import type { UpdateStatus } from '../../../src/shared/contract/updates';
import { api } from '../../api';

/** The app update status: the current value, then every push (updates:status). */
export function useUpdateStatus(): [UpdateStatus | null, (status: UpdateStatus) => void] {
  const [status, setStatus] = useState<UpdateStatus | null>(null);
  useEffect(() => {
    let live = true;
    const off = api.onUpdateStatus((s) => live && setStatus(s));
    void api.getUpdateStatus().then((r) => live && r.ok && setStatus((current) => current ?? r.value));
    return () => {
      live = false;
      off();
    };
  }, []);
  return [status, setStatus];
}
