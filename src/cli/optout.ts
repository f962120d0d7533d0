/**
 * `wa-bulk optout list|add|remove --state DIR`: the do-not-message list of a state folder (the same list the app
 * keeps in its data folder). `list` prints one E.164 number per line; add and remove take numbers as arguments.
 */
import path from 'node:path';
import { jsonFile } from '../contacts/json-file';
import { OptOutList } from '../contacts/opt-out';
import { isSupportedCountryCode } from '../core/phone';
import { appPathsFor } from '../platform/app-paths';
import { lockFolder } from '../platform/folder-lock';
import { commandFailed, parseFlags, UsageError } from './options';
import type { CliIo } from './io';

const USAGE = `usage: wa-bulk optout list --state DIR [--why]
       wa-bulk optout add NUMBER... --state DIR [--country ISO2]
       wa-bulk optout remove NUMBER... --state DIR [--country ISO2]
  The do-not-message list: no campaign ever messages a number on it (it is checked right before each send).
  A contact who replies an opt-out keyword such as STOP is added by itself. \`list\` prints one number per line
  (E.164, with "+"); with --why, a tab and why it is there when known ("replied STOP on 30 Nov 2026").
  Numbers given without a country code need --country.`;

const MAX_NUMBERS = 10_000;

export async function runOptOutCommand(argv: string[], io: CliIo): Promise<number> {
  try {
    const flags = parseFlags(argv, ['--state', '--country'], ['--help', '--why'], MAX_NUMBERS + 1);
    const [action, ...numbers] = flags.positionals;
    if (flags.switches.has('--help')) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (action !== 'list' && action !== 'add' && action !== 'remove')
      throw new UsageError(action ? `unknown action "${action}"` : 'say list, add or remove');
    const stateDir = flags.values.get('--state');
    if (!stateDir) throw new UsageError('--state DIR is required');
    const country = (flags.values.get('--country') ?? 'US').toUpperCase();
    if (!isSupportedCountryCode(country))
      throw new UsageError(`unknown country code "${flags.values.get('--country')}" (use two letters such as AE or GB)`);
    const list = new OptOutList(jsonFile(appPathsFor(path.resolve(stateDir)).optOutFile));
    await list.load();
    if (action === 'list') {
      if (numbers.length > 0) throw new UsageError('list takes no numbers');
      const why = flags.switches.has('--why') ? (n: string) => (list.noteOf(n) ? `\t${list.noteOf(n)}` : '') : () => '';
      io.stdout.write(
        list
          .list(0, list.size)
          .map((n) => `${n}${why(n)}\n`)
          .join(''),
      );
      return 0;
    }
    if (numbers.length === 0) throw new UsageError(`${action} needs at least one number`);
    return await change(list, action, numbers, country, path.resolve(stateDir), io);
  } catch (err) {
    return commandFailed('optout', USAGE, err, io);
  }
}

/** Adds or removes while holding the folder (a running app or send would otherwise write the list over). */
async function change(list: OptOutList, action: 'add' | 'remove', numbers: string[], country: string, stateDir: string, io: CliIo): Promise<number> {
  const lock = await lockFolder(stateDir, { command: ['wa-bulk', 'optout', action, ...numbers].join(' ') });
  try {
    const result = action === 'add' ? await list.add(numbers, country) : await list.remove(numbers, country);
    for (const p of result.problems) io.stderr.write(`not a phone number: "${p.value}" (${p.reason})\n`);
    const did = action === 'add' ? 'Added' : 'Removed';
    io.stdout.write(
      `${did} ${result.changed} number${result.changed === 1 ? '' : 's'}; the list has ${result.total} number${result.total === 1 ? '' : 's'}.\n`,
    );
    return result.problems.length > 0 ? 1 : 0;
  } finally {
    await lock.release();
  }
}
