/**
 * The browser host: the same main-process services as the Electron app, served to a browser over a local
 * WebSocket. For development, the offline demo and end-to-end tests, where Electron cannot run.
 *
 *   node out/main/devhost.js [--demo] [--port N] [--data-dir DIR] [--browser PATH]
 *     demo switches: [--auto-scan-ms N] [--demo-disconnect-after-ms N] [--demo-offline-after-ms N] [--demo-fail-auth]
 *
 * It prints the address to open, with a secret for this run in its path: only a page opened from that address
 * can call the host. The browser WhatsApp runs in comes from --browser or WA_BROWSER_PATH, never from the page.
 */
import os from 'node:os';
import path from 'node:path';
import { parseDemoOptions, type DemoOptions } from '../app/demo-options';
import { createAppServices } from '../app/services';
import { errorMessage } from '../shared/result';
import { BrowserHost } from './browser-host';
import { pinBrowserPath } from './browser-path';

interface HostArgs {
  demo: boolean;
  port: number;
  dataDir: string;
  /** Chrome, Edge or Chromium for the real WhatsApp; null finds one (WA_BROWSER_PATH, then the usual places). */
  browser: string | null;
  demoOptions: DemoOptions;
}

export function parseHostArgs(argv: string[]): HostArgs {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
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

async function main(): Promise<void> {
  const args = parseHostArgs(process.argv.slice(2));
  const trustedOrigins: string[] = [];
  const services = await createAppServices({
    userData: args.dataDir,
    demo: args.demo,
    host: 'browser-host',
    version: process.env.npm_package_version ?? '0.0.0',
    dialogs: null,
    trustedOrigins,
    demoOptions: args.demoOptions,
  });
  const notice = await pinBrowserPath(services.settings, args.browser).catch((err) => {
    throw new Error(`--browser ${args.browser}: ${errorMessage(err)}`);
  });
  const host = new BrowserHost({
    rendererDir: path.join(__dirname, '..', 'renderer'),
    router: services.router,
    notifier: services.notifier,
    files: services.files,
    tempDir: services.paths.tempDir,
    port: args.port,
    log: (level, message) => {
      services.logger.log(level, 'host', message);
      console.error(message);
    },
  });
  const pageUrl = await host.start();
  trustedOrigins.push(...host.origins);
  process.on('unhandledRejection', (reason) => services.logger.error('host', `Unhandled: ${errorMessage(reason)}`));
  // Machine-readable first line: tests and scripts read the URL from it.
  console.log(`WA Bulk Sender ${args.demo ? '(demo) ' : ''}is running at ${pageUrl}`);
  console.log('Open that whole address in your browser. The last part is a secret for this run (a new one each start):');
  console.log('only a page opened from it can use the app, so keep it to yourself.');
  if (notice) console.log(notice);
  console.log(`Data folder: ${args.dataDir}. Press Ctrl+C to stop.`);
  void services.start();

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await services.shutdown().catch((err) => console.error('shutdown failed:', errorMessage(err)));
    await host.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((err) => {
    const busy = (err as { code?: string }).code === 'EADDRINUSE';
    console.error(
      busy
        ? `The browser host could not start: port ${parseHostArgs(process.argv.slice(2)).port} is in use (is it already running?). Pass --port N, or --port 0 for any free port.`
        : `The browser host could not start: ${errorMessage(err)}`,
    );
    process.exit(1);
  });
}
