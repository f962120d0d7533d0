/** `wa-bulk send`: create a campaign from a contact file and a message, then send it at the given pace. */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { checkAttachment, type CheckedAttachment } from '../campaign/attachment';
import { CampaignService } from '../campaign/campaign-service';
import { checkTemplate } from '../core/template';
import { isSupportedCountryCode } from '../core/phone';
import { localeCountry } from '../platform/locale';
import type { PacingSettings } from '../shared/contract/campaign';
import { errorMessage } from '../shared/result';
import { CAMPAIGN_CONTENT_FLAGS, commandFailed, pacingFromFlags, type ParsedFlags, parseFlags, UsageError } from './options';
import { driveCampaign, openCampaigns, type CliCampaignContext } from './campaign-session';
import type { CliIo } from './io';
import { countryNeeded } from './import-report';
import { resendFailed } from './resend-failed';
import { driveAt, startAtFlag } from './start-at';

export const SEND_USAGE = `usage: wa-bulk send --contacts FILE (--message TEXT | --template FILE) --state DIR [options]
       wa-bulk send --resend-failed CAMPAIGN --state DIR [--simulate ...]
  --resend-failed CAMPAIGN  a new campaign to the failed contacts of a finished or stopped campaign (its id or
                        folder), with its message, attachment and pace; nobody it sent to gets the message again
  --contacts FILE       anything \`wa-bulk import\` reads (CSV, TSV, XLSX, XLS, ODS)
  --message TEXT        the message; {{column}}, {{column|fallback}} and {Hi|Hello} spintax work
  --template FILE       read the message from a UTF-8 text file instead
  --attach FILE         one image, video, audio, PDF or document; the message becomes its caption
  --country ISO2        country for numbers written without a country code; required when the file has such
                        numbers (the error names the likely country)
  --keep-duplicates     keep rows whose number an earlier row has: each gets its own message (default: left out)
  --min-delay SEC       shortest random wait between messages (default 25)
  --max-delay SEC       longest random wait (default 70); 0 and 0 also zero the batch pause and typing delay
  --batch N             pause after every N messages (default 15-25 at random)
  --batch-pause SEC     length of that pause (default 300-900 at random)
  --daily-cap N         messages per account per day, across campaigns (default 200; unlimited with --simulate)
  --hourly-cap N|none   messages per account in any hour, across campaigns (default 40; none with --simulate)
  --window H-H          send only between these local hours, e.g. 9-20 (default: any hour)
  --typing | --no-typing  wait as long as typing the message would take (default on, off with zero delays)
  --send-timeout SEC    fail a contact whose send has not finished after this long (default 60)
  --name TEXT           a name for the campaign history
  --state DIR           where the session, campaigns and journals live
  --simulate            use the simulated WhatsApp instead of the real one
  --simulate-outbox FILE, --simulate-unregistered FILE, --simulate-fail-rate R   simulated WhatsApp settings
  --simulate-replies FILE  contacts of the simulated WhatsApp reply: JSON lines {"from":"+9715…","body":"STOP","afterMs":0}
  --simulate-reject FILE   one number per line: the simulated WhatsApp refuses the first message to each (ack -1)
  --start-at TIME       create the campaign now, send from this local date and time on (e.g. 2026-12-01T09:00)
  --receipt-wait SEC    after the last message, wait this long for outstanding delivery receipts (default 10)
  --browser PATH        Chrome/Chromium for the real WhatsApp`;

const VALUE_FLAGS = [
  ...CAMPAIGN_CONTENT_FLAGS,
  '--state',
  '--simulate-outbox',
  '--simulate-unregistered',
  '--simulate-fail-rate',
  '--simulate-replies',
  '--simulate-reject',
  '--hourly-cap',
  '--browser',
  '--receipt-wait',
  '--resend-failed',
  '--start-at',
];
const SWITCH_FLAGS = ['--simulate', '--typing', '--no-typing', '--help', '--keep-duplicates'];

export async function runSendCommand(argv: string[], io: CliIo): Promise<number> {
  let flags: ParsedFlags;
  try {
    flags = parseFlags(argv, VALUE_FLAGS, SWITCH_FLAGS);
    if (flags.switches.has('--help')) {
      io.stdout.write(`${SEND_USAGE}\n`);
      return 0;
    }
    return await send(flags, io);
  } catch (err) {
    return commandFailed('send', SEND_USAGE, err, io);
  }
}

/** What the flags ask for, checked before anything starts. */
interface SendRequest {
  contactsFile: string;
  stateDir: string;
  template: string;
  /** Where the template came from, for its error messages. */
  where: string;
  country: string;
  /** --country was given (without it, numbers lacking a country code are an error naming the likely country). */
  countryChosen: boolean;
  keepDuplicates: boolean;
  name: string | undefined;
  pacing: PacingSettings;
  attachment: CheckedAttachment | null;
  /** --start-at: wait until then before sending (start-at.ts). */
  startAt: number | undefined;
}

async function send(flags: ParsedFlags, io: CliIo): Promise<number> {
  if (flags.values.has('--resend-failed')) return resendFailed(flags, io);
  const request = await readRequest(flags, io);
  if (typeof request === 'number') return request;
  const ctx = await openCampaigns(flags, path.resolve(request.stateDir), io);
  // The browser loads while the contacts are read and the campaign is written (issue 14). Whatever becomes of
  // the start is reported when driveCampaign waits for WhatsApp (a promise rejected here included: it tries again).
  await ctx.port.start().catch(() => undefined);
  let created: string | number;
  try {
    created = await createCampaign(ctx, request, io);
  } catch (err) {
    await closeCampaigns(ctx);
    throw err;
  }
  if (typeof created === 'number') {
    await closeCampaigns(ctx);
    return created;
  }
  return request.startAt === undefined ? driveCampaign(ctx, created, io) : driveAt(ctx, created, request.startAt, io);
}

/** Closes what openCampaigns opened, the browser included, when the campaign is not going to run. */
async function closeCampaigns(ctx: CliCampaignContext): Promise<void> {
  await ctx.service.close();
  await ctx.port.destroy();
}

/** The flags, the template and the attachment, or the exit code when the template cannot be read. */
async function readRequest(flags: ParsedFlags, io: CliIo): Promise<SendRequest | number> {
  const contactsFile = flags.values.get('--contacts');
  const stateDir = flags.values.get('--state');
  if (!contactsFile) throw new UsageError('--contacts FILE is required');
  if (!stateDir) throw new UsageError('--state DIR is required');
  const message = flags.values.get('--message');
  const templateFile = flags.values.get('--template');
  if ((message === undefined) === (templateFile === undefined)) throw new UsageError('give either --message TEXT or --template FILE');
  const country = (flags.values.get('--country') ?? localeCountry()).toUpperCase();
  if (!isSupportedCountryCode(country))
    throw new UsageError(`unknown country code "${flags.values.get('--country')}" (use two letters such as AE or GB)`);
  const pacing = pacingFromFlags(flags, flags.switches.has('--simulate'));

  let template: string;
  if (templateFile !== undefined) {
    try {
      template = (await fsp.readFile(templateFile, 'utf8')).replace(/\r?\n$/, '');
    } catch (err) {
      io.stderr.write(`wa-bulk send: template ${templateFile}: ${errorMessage(err)}\n`);
      return 2;
    }
  } else template = message!;
  if (!template.trim()) throw new UsageError('the message is empty');

  const attach = flags.values.get('--attach');
  const attachment = attach ? await checkAttachment(path.resolve(attach)) : null;
  const name = flags.values.get('--name');
  const startAt = startAtFlag(flags, Date.now());
  const contactOptions = { countryChosen: flags.values.has('--country'), keepDuplicates: flags.switches.has('--keep-duplicates') };
  return { contactsFile, stateDir, template, where: templateFile ?? '--message', country, ...contactOptions, name, pacing, attachment, startAt };
}

/** Imports the contacts, checks the template against them and creates the campaign: its id, or the exit code. */
async function createCampaign(ctx: CliCampaignContext, request: SendRequest, io: CliIo): Promise<string | number> {
  const { contactsFile, template, where, attachment } = request;
  // The contact readers load here, while the browser starts, rather than before it.
  const { importContactFile } = await import('../campaign/contacts-source');
  const imported = await importContactFile(contactsFile, request);
  const question = countryNeeded(imported.summary);
  if (question) {
    io.stderr.write(`wa-bulk send: ${question}\n`);
    return 1;
  }
  const report = checkTemplate(template, imported.columns, imported.contacts, 10);
  if (report.errors.length > 0) {
    for (const e of report.errors) io.stderr.write(`wa-bulk send: ${where}: ${e.message}\n`);
    return 1;
  }
  for (const name of report.unknownPlaceholders) {
    io.stderr.write(
      `warning: {{${name}}} names no column of ${path.basename(contactsFile)} (columns: ${imported.columns.join(', ')}); it will be empty\n`,
    );
  }
  if (report.emptyFields.total > 0) {
    const rows = report.emptyFields.sample.map((s) => `row ${s.row} (${s.placeholders.join(', ')})`).join('; ');
    io.stderr.write(
      `warning: ${report.emptyFields.total} contact(s) have an empty placeholder and no fallback: ${rows}${report.emptyFields.total > report.emptyFields.sample.length ? '; ...' : ''}\n`,
    );
  }
  for (const w of CampaignService.attachmentWarnings(template, attachment !== null)) io.stderr.write(`warning: ${w}\n`);
  const c = imported.counts;
  io.stderr.write(
    `${path.basename(contactsFile)}: ${c.valid} contacts to message (${c.invalid} invalid, ${c.duplicates} duplicates, ${c.optedOut} opted out)\n`,
  );
  if (imported.contacts.length === 0) {
    io.stderr.write(`wa-bulk send: ${path.basename(contactsFile)} has no valid contact to message\n`);
    return 2;
  }

  const campaign = await ctx.service.create({
    name: request.name,
    template,
    pacing: request.pacing,
    ...(request.startAt !== undefined ? { startAt: request.startAt } : {}),
    contacts: imported.contacts,
    columns: imported.columns,
    // Kept with the campaign: the app's export (History) lists the rows left out at import with their reason.
    ...(imported.leftOut ? { leftOut: imported.leftOut } : {}),
    attachment,
  });
  io.stderr.write(`Campaign ${campaign.id} created in ${campaign.dir}\n`);
  return campaign.id;
}
