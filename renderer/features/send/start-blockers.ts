import type { TemplateCheck } from '../../../src/shared/contract/campaign';
import type { ImportSummary } from '../../../src/shared/contract/contacts';
import type { WaStatus } from '../../../src/shared/status';
import type { MessageKey } from '../../i18n/messages';
import type { Translate } from '../../i18n/translate';
import type { ScreenKey } from '../../screen-props';

export interface Blocker {
  text: string;
  /** Where the operator fixes it. */
  fix: ScreenKey | null;
}

/** Why Start cannot be pressed yet, in the order an operator would fix things; empty when it can. */
export function startBlockers(
  input: {
    status: WaStatus | null;
    contacts: ImportSummary | null;
    template: string;
    check: TemplateCheck | null;
    /** null: the settings have not loaded; otherwise whether they pass the schema. */
    pacingOk: boolean | null;
    otherRunning: boolean;
  },
  t: Translate,
): Blocker[] {
  const out: Blocker[] = [];
  const block = (key: MessageKey, fix: ScreenKey | null) => out.push({ text: t(key), fix });
  if (input.status?.kind !== 'ready') block('send.start.blocker.notReady', 'connection');
  if (!input.contacts || input.contacts.counts.valid === 0) block('send.start.blocker.noContacts', 'contacts');
  else if (input.contacts.country.needed) block('send.start.blocker.country', 'contacts');
  if (!input.template.trim()) block('send.start.blocker.emptyMessage', 'message');
  else if (input.check && input.check.errors.length > 0) block('send.start.blocker.templateErrors', 'message');
  if (input.pacingOk === null) block('send.start.blocker.pacingLoading', null);
  else if (!input.pacingOk) block('send.start.blocker.pacingInvalid', null);
  if (input.otherRunning) block('send.start.blocker.otherRunning', null);
  return out;
}
