import type { TemplateCheck } from '../../../src/shared/contract/campaign';
import type { ImportSummary } from '../../../src/shared/contract/contacts';
import type { WaStatus } from '../../../src/shared/status';
import type { ScreenKey } from '../../screen-props';

export interface Blocker {
  text: string;
  /** Where the operator fixes it. */
  fix: ScreenKey | null;
}

/** Why Start cannot be pressed yet, in the order an operator would fix things; empty when it can. */
export function startBlockers(input: {
  status: WaStatus | null;
  contacts: ImportSummary | null;
  template: string;
  check: TemplateCheck | null;
  /** null: the settings have not loaded; otherwise whether they pass the schema. */
  pacingOk: boolean | null;
  otherRunning: boolean;
}): Blocker[] {
  const out: Blocker[] = [];
  if (input.status?.kind !== 'ready') out.push({ text: 'WhatsApp is not connected and ready.', fix: 'connection' });
  if (!input.contacts || input.contacts.counts.valid === 0) out.push({ text: 'There are no contacts to send to.', fix: 'contacts' });
  else if (input.contacts.country.needed) out.push({ text: 'Choose the country of the numbers written without a country code.', fix: 'contacts' });
  if (!input.template.trim()) out.push({ text: 'The message is empty.', fix: 'message' });
  else if (input.check && input.check.errors.length > 0)
    out.push({ text: 'The message has mistakes in its placeholders or {options}.', fix: 'message' });
  if (input.pacingOk === null) out.push({ text: 'The sending settings have not loaded.', fix: null });
  else if (!input.pacingOk) out.push({ text: 'Some sending settings above need fixing.', fix: null });
  if (input.otherRunning) out.push({ text: 'Another campaign is still running: stop or finish it first.', fix: null });
  return out;
}
