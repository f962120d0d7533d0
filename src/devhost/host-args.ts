import os from 'node:os';
import path from 'node:path';
import { parseDemoOptions, type DemoOptions } from '../app/demo-options';

export interface HostArgs {
  demo: boolean;
  port: number;
  dataDir: string;
  /** Chrome, Edge or Chromium for the real WhatsApp; null finds one (WA_BROWSER_PATH, then the usual places). */
  browser: string | null;
  demoOptions: DemoOptions;
}

/** What the command line asks for: run the host, or print the usage and stop. */
export type HostCommand = { kind: 'run'; args: HostArgs } | { kind: 'help' };

/** A command line the host cannot run: the message names the argument; the process exits with code 2. */
export class HostUsageError extends Error {
  readonly exitCode = 2;
}

export const HOST_USAGE = `Usage: node out/main/devhost.js [options]

Runs WA Bulk Sender in your browser: it prints an address to open.

Options:
  --demo                          simulated WhatsApp: nothing is really sent
  --port N                        the port to listen on (default 5178; 0 picks a free one)
  --data-dir DIR                  where contacts, campaigns and settings are kept
                                  (default ~/.wa-bulk-sender/host, or ~/.wa-bulk-sender/demo with --demo)
  --browser PATH                  Chrome, Edge or Chromium for the real WhatsApp
  --help, -h                      print this and stop

Demo switches (with --demo):
  --auto-scan-ms N                scan the QR code by itself after N milliseconds
  --demo-disconnect-after-ms N    drop the connection N milliseconds after it is ready
  --demo-offline-after-ms N       the phone goes offline N milliseconds after it is ready, back 15 s later
  --demo-fail-auth                the scan fails
  --demo-replies FILE             contacts reply as this file says (JSON lines {"from":"+9715…","body":"STOP",
                                  "afterMs":0}: that contact replies afterMs after our message is delivered);
                                  also WA_BULK_DEMO_REPLIES=FILE
  --simulate-reject FILE          one number per line: WhatsApp refuses the first message to each (ack -1)
`;

/** Flags followed by a value, and flags on their own. */
const WITH_VALUE = new Set([
  '--port',
  '--data-dir',
  '--browser',
  '--auto-scan-ms',
  '--demo-disconnect-after-ms',
  '--demo-offline-after-ms',
  '--demo-replies',
  '--simulate-reject',
]);
const ALONE = new Set(['--demo', '--demo-fail-auth', '--help', '-h']);

/** Every argument is a known flag (and its value): a typo is an error, never a setting silently left at its default. */
function checkKnown(argv: readonly string[]): void {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (WITH_VALUE.has(arg)) {
      if (i + 1 >= argv.length) throw new HostUsageError(`${arg} needs a value. Run with --help to see the options.`);
      i++;
    } else if (!ALONE.has(arg)) {
      const what = arg.startsWith('-') ? `Unknown option ${arg}` : `Unexpected argument ${JSON.stringify(arg)}`;
      throw new HostUsageError(`${what}. Run with --help to see the options.`);
    }
  }
}

export function parseHostCommand(argv: readonly string[]): HostCommand {
  if (argv.includes('--help') || argv.includes('-h')) return { kind: 'help' };
  checkKnown(argv);
  try {
    return { kind: 'run', args: parseHostArgs(argv) };
  } catch (err) {
    throw new HostUsageError((err as Error).message);
  }
}

export function parseHostArgs(argv: readonly string[]): HostArgs {
  // The last one counts when a flag is given twice (a script's default, then the caller's own).
  const value = (flag: string) => {
    const i = argv.lastIndexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const port = Number(value('--port') ?? 5178);
  const browser = value('--browser');
  if (argv.includes('--browser') && !browser?.trim()) throw new Error('--browser takes the path of Chrome, Edge or Chromium');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, not ${value('--port')}`);
  return {
    demo: argv.includes('--demo'),
    port,
    dataDir: path.resolve(value('--data-dir') ?? path.join(os.homedir(), '.wa-bulk-sender', argv.includes('--demo') ? 'demo' : 'host')),
    browser: browser ? path.resolve(browser) : null,
    demoOptions: parseDemoOptions(argv),
  };
}
