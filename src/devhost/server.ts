/**
 * The browser host: the same main-process services as the Electron app, served to a browser over a local
 * WebSocket. For development, the offline demo and end-to-end tests, where Electron cannot run.
 *
 *   node out/main/devhost.js [--demo] [--port N] [--data-dir DIR] [--browser PATH] [--help]
 *     demo switches: [--auto-scan-ms N] [--demo-disconnect-after-ms N] [--demo-offline-after-ms N] [--demo-fail-auth]
 *
 * It prints the address to open, with a secret (kept in the data folder) in its path: only a page opened from that address
 * can call the host. The browser WhatsApp runs in comes from --browser or WA_BROWSER_PATH, never from the page.
 */
import path from 'node:path';
import { createAppServices } from '../app/services';
import { errorMessage } from '../shared/result';
import { BrowserHost } from './browser-host';
import { pinBrowserPath } from './browser-path';
import { HOST_USAGE, HostUsageError, parseHostArgs, parseHostCommand, type HostArgs } from './host-args';
import { loadHostSecret } from './host-secret';

export { parseHostArgs };

async function main(): Promise<void> {
  const command = parseHostCommand(process.argv.slice(2));
  if (command.kind === 'help') return void process.stdout.write(HOST_USAGE);
  await run(command.args);
}

async function run(args: HostArgs): Promise<void> {
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
    secret: await loadHostSecret(args.dataDir),
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
  console.log('Open that whole address in your browser. The last part is a secret kept in the data folder: only a page');
  console.log('opened from it can use the app, so keep it to yourself. A page left open reconnects when the host is back.');
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
    if (err instanceof HostUsageError) {
      console.error(`devhost: ${err.message}`);
      process.exit(err.exitCode);
    }
    const busy = (err as { code?: string }).code === 'EADDRINUSE';
    console.error(
      busy
        ? `The browser host could not start: port ${parseHostArgs(process.argv.slice(2)).port} is in use (is it already running?). Pass --port N, or --port 0 for any free port.`
        : `The browser host could not start: ${errorMessage(err)}`,
    );
    process.exit(1);
  });
}
