/**
 * A test send: the message as the first contact would get it (or with sample values when no list is imported),
 * sent to the operator's own number, WhatsApp's "Message yourself" chat. It belongs to no campaign, is not
 * journalled and does not count against the daily cap: only the operator gets it.
 */
import { CompiledTemplate, TemplateError } from '../core/template';
import type { Clock } from '../platform/clock';
import { withTimeout } from '../platform/timeout';
import type { TestSendResult } from '../shared/contract/campaign';
import { AppFailure, errorMessage } from '../shared/result';
import type { WhatsAppPort } from '../whatsapp/port';
import type { CheckedAttachment } from './attachment';
import { digitsOf, type ContactRecord } from './contact-record';

/** Long enough for a media upload; a stalled send fails the test send, never hangs it. */
export const TEST_SEND_TIMEOUT_MS = 60_000;

export interface TestSendInput {
  template: string;
  /** The first imported contact; null: placeholders get sample values ("[Name]"). */
  contact: ContactRecord | null;
  attachment: CheckedAttachment | null;
  /** The spintax seed the campaign would use (the draft id), so the test shows one of the texts it will send. */
  seed: string;
}

/** The message compiled; a template that does not compile is the operator's request refused, with why. */
export function compileMessage(template: string): CompiledTemplate {
  try {
    return CompiledTemplate.compile(template);
  } catch (err) {
    if (err instanceof TemplateError) throw new AppFailure('bad_request', err.message);
    throw err;
  }
}

/** The text of the test message: rendered for the first contact, or with each placeholder shown as "[name]". */
export function testMessageText(template: string, contact: ContactRecord | null, seed: string): string {
  const compiled = compileMessage(template);
  const sample = { row: 0, phone: '', fields: Object.fromEntries(compiled.placeholders().map((p) => [p.name, `[${p.name}]`])) };
  return compiled.render(contact ?? sample, seed).text;
}

/** Sends the test message to the connected account itself; a failure is the result (with its reason), not a throw. */
export async function sendTestMessage(port: WhatsAppPort, clock: Clock, input: TestSendInput): Promise<TestSendResult> {
  const text = testMessageText(input.template, input.contact, input.seed);
  const status = port.getStatus();
  if (status.kind !== 'ready') {
    throw new AppFailure('not_ready', 'Connect WhatsApp first: the test message goes to the connected account itself.', {
      key: 'errors.connectForTestSend',
    });
  }
  const to = `+${digitsOf(status.account.number)}`;
  const base = { to, text, sampleValues: input.contact === null };
  try {
    const chatId = (await withTimeout(port.checkNumber(digitsOf(to)), TEST_SEND_TIMEOUT_MS, clock, 'The number check')) ?? `${digitsOf(to)}@c.us`;
    const a = input.attachment;
    const send = a ? port.sendMedia(chatId, { path: a.path, mimeType: a.mimeType, fileName: a.name }, text) : port.sendText(chatId, text);
    const sent = await withTimeout(send, TEST_SEND_TIMEOUT_MS, clock, 'The send');
    return { ...base, sent: true, reason: null, messageId: sent.id };
  } catch (err) {
    return { ...base, sent: false, reason: errorMessage(err), messageId: null };
  }
}
