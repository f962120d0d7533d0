/**
 * The browser host: the same main-process services as the Electron app, served to a browser over a local
 * WebSocket. For development, the offline demo and end-to-end tests, where Electron cannot run.
 *
 *   node out/main/devhost.js [--demo] [--port N] [--data-dir DIR]
 *     demo switches: [--auto-scan-ms N] [--demo-disconnect-after-ms N] [--demo-offline-after-ms N] [--demo-fail-auth]
 */
import os from 'node:os';
import path from 'node:path';
import { parseDemoOptions, type DemoOptions } from '../app/demo-options';
import { createAppServices } from '../app/services';
import { errorMessage } from '../shared/result';
import { BrowserHost } from './browser-host';

interface HostArgs {
  demo: boolean;
  port: number;
  dataDir: string;
  demoOptions: DemoOptions;
}

export function parseHostArgs(argv: string[]): HostArgs {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const port = Number(value('--port') ?? 5178);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, not ${value('--port')}`);
  return {
    demo: argv.includes('--demo'),
    port,
    dataDir: path.resolve(value('--data-dir') ?? path.join(os.homedir(), '.wa-bulk-sender', argv.includes('--demo') ? 'demo' : 'host')),
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
  const host = new BrowserHost({
    rendererDir: path.join(__dirname, '..', 'renderer'),
    router: services.router,
    notifier: services.notifier,
    files: services.files,
    tempDir: services.paths.tempDir,
    port: args.port,
  });
  const url = await host.start();
  trustedOrigins.push(url);
  process.on('unhandledRejection', (reason) => services.logger.error('host', `Unhandled: ${errorMessage(reason)}`));
  // Machine-readable first line: tests and scripts read the URL from it.
  console.log(`WA Bulk Sender ${args.demo ? '(demo) ' : ''}is running at ${url}/`);
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
