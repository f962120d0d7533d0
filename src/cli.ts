/**
 * `wa-bulk`: the headless entry over the same services as the app (import, send, resume, report).
 * Each command is `(argv, io) => exit code`; this file only dispatches and keeps stray errors from crashing
 * without a message.
 */
import type { CliIo } from './cli/io';
import { errorMessage } from './shared/result';

type Command = (argv: string[], io: CliIo) => Promise<number>;

/**
 * Each command's modules load only when it runs (the bundle keeps them behind lazy initialisers), so `send` and
 * `resume` reach the browser launch without first loading what `import` and `report` need (issue 14).
 */
const commands: Record<string, { load: () => Promise<Command>; summary: string }> = {
  import: {
    load: async () => (await import('./cli/import')).runImportCommand,
    summary: 'read a contact list and report what can be used (--json, --out)',
  },
  send: {
    load: async () => (await import('./cli/send')).runSendCommand,
    summary: 'send one message to every contact of a list, at a safe pace',
  },
  resume: {
    load: async () => (await import('./cli/resume')).runResumeCommand,
    summary: 'continue an interrupted campaign (reconciles first)',
  },
  report: {
    load: async () => (await import('./cli/report')).runReportCommand,
    summary: "print a campaign's counts (--json)",
  },
  optout: {
    load: async () => (await import('./cli/optout')).runOptOutCommand,
    summary: 'list, add or remove numbers on the do-not-message list',
  },
};

const usage = () =>
  [
    'Usage: wa-bulk <command> [options]',
    '',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`),
    '',
    'Run `wa-bulk <command> --help` for its options.',
  ].join('\n');

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    io.stderr.write(`wa-bulk: unknown command "${name}"\n${usage()}\n`);
    return 2;
  }
  const run = await command.load();
  return run(rest, io);
}

/** Runs with the process's argv and streams; exits once output is flushed (a stray timer must not keep it alive). */
export function runFromProcess(): void {
  process.on('unhandledRejection', (reason) => {
    process.stderr.write(`wa-bulk: unexpected error: ${errorMessage(reason)}\n`);
    process.exit(1);
  });
  const exit = (code: number) => process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
  runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(exit, (err) => {
    process.stderr.write(`wa-bulk: ${errorMessage(err)}\n`);
    exit(1);
  });
}

if (require.main === module) runFromProcess();
