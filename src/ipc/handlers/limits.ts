import type { LimitSettings, LimitsStatus, limitsInvokes } from '../../shared/contract/limits';
import type { HandlerMap } from '../router';

export interface LimitsHandlerDeps {
  status(): Promise<LimitsStatus>;
  save(settings: LimitSettings): Promise<void>;
  resumeNewContacts(): Promise<void>;
}

export function createLimitsHandlers(deps: LimitsHandlerDeps): Pick<HandlerMap, keyof typeof limitsInvokes> {
  return {
    'limits:get': () => deps.status(),
    'limits:save': async (settings) => {
      await deps.save(settings);
      return deps.status();
    },
    'limits:resumeNewContacts': async () => {
      await deps.resumeNewContacts();
      return deps.status();
    },
  };
}
