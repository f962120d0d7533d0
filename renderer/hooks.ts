import { useEffect, useState } from 'react';
import type { AppInfo } from '../src/shared/contract/connection';
import type { WaStatus } from '../src/shared/status';
import { api } from './api';

/** The live connection status: the current value, then every push. */
export function useWaStatus(): WaStatus | null {
  const [status, setStatus] = useState<WaStatus | null>(null);
  useEffect(() => {
    let live = true;
    const off = api.onStatus((s) => live && setStatus(s));
    void api.getStatus().then((r) => live && r.ok && setStatus((current) => current ?? r.value));
    return () => {
      live = false;
      off();
    };
  }, []);
  return status;
}

export function useAppInfo(): AppInfo | null {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    void api.getAppInfo().then((r) => r.ok && setInfo(r.value));
  }, []);
  return info;
}
