import * as wwebjs from 'whatsapp-web.js';
import { LocalAuth, MessageMedia } from 'whatsapp-web.js';
import type { MessageKeyLike } from './message-id';
import type { MediaFile } from './port';
import path from 'node:path';
import { cachedBrowserMajorVersion, chromeUserAgent, FALLBACK_CHROME_MAJOR } from './user-agent';

/** The slice of whatsapp-web.js's Client the adapter uses; the real Client and the test fake both fit it. */
export interface WwebjsClientLike {
  on(event: string, listener: (...args: any[]) => void): unknown;
  removeAllListeners(event?: string): unknown;
  initialize(): Promise<void>;
  logout(): Promise<void>;
  destroy(): Promise<void>;
  getNumberId(number: string): Promise<{ _serialized: string } | null>;
  /** Resolves undefined when the page could not serialize the sent message (WHATSAPP.md #12): sent, id unknown. */
  sendMessage(chatId: string, content: unknown, options?: Record<string, unknown>): Promise<WwebjsMessageLike | null | undefined>;
  getChatById(chatId: string): Promise<WwebjsChatLike | null | undefined>;
  info?: { wid?: { user?: string }; pushname?: string } | null;
}

export interface WwebjsChatLike {
  fetchMessages(search: { limit: number }): Promise<WwebjsMessageLike[]>;
  /** Shows "typing…" in the recipient's chat for about 25 s. */
  sendStateTyping(): Promise<unknown>;
}

export interface WwebjsMessageLike {
  /** `_serialized`, or since mid-July 2026 `$1` (WHATSAPP.md #12); read it with messageIdOf. */
  id?: MessageKeyLike | null;
  body?: string;
  fromMe?: boolean;
  /** Epoch seconds. */
  timestamp?: number;
  /** Receipt level: -1 error, 0 pending, 1 server, 2 device, 3 read, 4 played. */
  ack?: number;
}

export interface WwebjsClientConfig {
  executablePath: string;
  /** LocalAuth dataPath; the profile goes to `<sessionDir>/session-main`. */
  sessionDir: string;
  browserArgs: string[];
  rmMaxRetries: number;
}

/** Errors the library raises where nobody can await them (its unlink path, its own un-awaited destroy). */
export type InternalErrorReporter = (where: string, err: unknown) => void;

export type WwebjsClientFactory = (config: WwebjsClientConfig, report: InternalErrorReporter) => WwebjsClientLike;

/** The parts of the library a client is made from: the installed whatsapp-web.js, or another copy in a test. */
export type WwebjsLibrary = Pick<typeof wwebjs, 'Client' | 'LocalAuth'>;

/** A LocalAuth whose folder removal reports instead of throwing, and tells when its removals are over. */
interface TrackedLocalAuth {
  auth: LocalAuth;
  /** Resolves once every folder removal started so far has ended. */
  removalsOver(): Promise<void>;
}

/** SessionFiles verifies and finishes the wipe; this only keeps the library's own removal from escaping or overlapping. */
function trackedLocalAuth(
  library: WwebjsLibrary,
  options: ConstructorParameters<typeof LocalAuth>[0],
  report: InternalErrorReporter,
): TrackedLocalAuth {
  const auth = new library.LocalAuth(options);
  const logout = auth.logout.bind(auth);
  const removals = new Set<Promise<void>>();
  auth.logout = () => {
    const removal = logout().catch((err: unknown) => {
      // WHATSAPP.md #1: EBUSY on Windows while Chromium still holds files; also reached from the library's
      // own framenavigated handler when the phone unlinks, where a throw would be an unhandled rejection.
      report('LocalAuth.logout', err);
    });
    removals.add(removal);
    void removal.then(() => removals.delete(removal));
    return removal;
  };
  return { auth, removalsOver: async () => void (await Promise.all([...removals])) };
}

/** Clients of the given library, with everything they write under the app's folders. */
export const clientFactoryFor =
  (library: WwebjsLibrary): WwebjsClientFactory =>
  (config, report) => {
    const tracked = trackedLocalAuth(library, { clientId: 'main', dataPath: config.sessionDir, rmMaxRetries: config.rmMaxRetries }, report);
    const authStrategy = tracked.auth;
    const client = new library.Client({
      authStrategy,
      // 1.34.7 looks a local cache up under its pinned default version but saves it under the running one, so it is
      // never read (WHATSAPP.md #17); 'none' says what really happens and writes nothing.
      webVersionCache: { type: 'none' },
      // Replaced by the browser's own version when initialize() starts (see user-agent.ts).
      userAgent: chromeUserAgent(process.platform, FALLBACK_CHROME_MAJOR),
      puppeteer: {
        executablePath: config.executablePath,
        headless: true,
        args: config.browserArgs,
        // Puppeteer starts Chromium detached on Linux and macOS; over a pipe it exits with the app instead of
        // outliving a crash and holding the profile ("The browser is already running", WHATSAPP.md #15).
        pipe: true,
        // The app owns these signals: it pauses campaigns and closes the client in order (sends first, #1529).
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      },
    });
    const internals = client as unknown as GuardableClient;
    closeBrowserLaunchedAfterDestroy(internals, authStrategy);
    awaitFolderRemovalOnDestroy(internals, tracked);
    useBrowserVersionInUserAgent(internals, config.executablePath, path.join(config.sessionDir, 'browser-version.json'));
    guardLibraryRejections(internals, report);
    return client as unknown as WwebjsClientLike;
  };

/** The real whatsapp-web.js Client, as installed (with the project's patch, see patches/). */
export const createWwebjsClient: WwebjsClientFactory = clientFactoryFor(wwebjs);

interface GuardableClient {
  options: { userAgent?: string | false };
  pupBrowser: { close(): Promise<void> } | null;
  initialize(): Promise<void>;
  inject(): Promise<void>;
  destroy(): Promise<void>;
}

/**
 * destroy() while the browser is still launching finds no browser to close, and initialize() would go on to open
 * WhatsApp Web in it, holding the profile a Retry needs ("The browser is already running"). The library calls the
 * auth strategy right after the launch: a client destroyed by then closes its browser there and stops.
 */
function closeBrowserLaunchedAfterDestroy(client: GuardableClient, auth: LocalAuth): void {
  let destroyed = false;
  let launchStarted = false;
  let launched = false;
  let launchSettled: () => void = () => undefined;
  const launchOver = new Promise<void>((resolve) => (launchSettled = resolve));
  const initialize = client.initialize.bind(client);
  client.initialize = async () => {
    launchStarted = true;
    try {
      await initialize();
    } finally {
      launchSettled();
    }
  };
  const destroy = client.destroy.bind(client);
  client.destroy = async () => {
    destroyed = true;
    await destroy();
    // A launch under way: return once its browser is closed, so a Retry finds the profile free.
    if (launchStarted) await launchOver;
  };
  const afterLaunch = auth.afterBrowserInitialized.bind(auth);
  auth.afterBrowserInitialized = async () => {
    await afterLaunch();
    // Only the first call follows the launch; the library calls it again after a logout navigation.
    const firstLaunch = !launched;
    launched = true;
    if (!firstLaunch) return;
    if (destroyed) await client.pupBrowser?.close();
    launchSettled();
    if (destroyed) throw new Error('The client was closed while its browser was starting');
  };
}

/**
 * When the phone unlinks the device, the library removes the profile folder from its navigation handler while the
 * browser still runs, and the removal retries for seconds while Chromium writes. A start made meanwhile would have
 * its new profile removed under it (a browser that never shows a QR). destroy() returns once the removal is over.
 */
function awaitFolderRemovalOnDestroy(client: GuardableClient, tracked: TrackedLocalAuth): void {
  const destroy = client.destroy.bind(client);
  client.destroy = async () => {
    try {
      await destroy();
    } finally {
      await tracked.removalsOver();
    }
  };
}

/** Reads the browser's version as initialize() starts (the library reads `options.userAgent` only then). */
function useBrowserVersionInUserAgent(client: GuardableClient, executablePath: string, cacheFile: string): void {
  const initialize = client.initialize.bind(client);
  client.initialize = async () => {
    const major = await cachedBrowserMajorVersion(executablePath, cacheFile);
    client.options.userAgent = chromeUserAgent(process.platform, major ?? FALLBACK_CHROME_MAJOR);
    await initialize();
  };
}

/**
 * The library re-runs `inject()` from a puppeteer `framenavigated` listener and calls `destroy()` without awaiting
 * on some disconnects; a rejection there would escape as an unhandled rejection in the main process
 * (WHATSAPP.md #1). Once initialize() has settled, those calls report instead of rejecting.
 */
function guardLibraryRejections(client: GuardableClient, report: InternalErrorReporter): void {
  let initializing = false;
  const initialize = client.initialize.bind(client);
  const inject = client.inject.bind(client);
  const destroy = client.destroy.bind(client);
  client.initialize = async () => {
    initializing = true;
    try {
      await initialize();
    } finally {
      initializing = false;
    }
  };
  client.inject = async () => {
    try {
      await inject();
    } catch (err) {
      if (initializing) throw err;
      report('Client.inject (after a page navigation)', err);
    }
  };
  client.destroy = async () => {
    try {
      await destroy();
    } catch (err) {
      report('Client.destroy', err);
    }
  };
}

/** An attachment as whatsapp-web.js wants it; the type and name the operator saw win over the extension's guess. */
export function loadMessageMedia(file: MediaFile): unknown {
  const media = MessageMedia.fromFilePath(file.path);
  media.mimetype = file.mimeType || media.mimetype;
  media.filename = file.fileName || media.filename;
  return media;
}

/** Browser flags: quiet, no first-run UI; Chromium refuses to run as root without --no-sandbox. */
export function defaultBrowserArgs(): string[] {
  const args = ['--no-first-run', '--disable-sync', '--disable-component-update', '--disable-background-networking'];
  if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
  return args;
}
