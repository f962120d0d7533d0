/**
 * The real preload (preload/index.ts) loaded against a fake `electron`: what it puts on `window.api` is exactly the
 * contract's AppApi, every method reaches its contract channel with its arguments, every `on*` strips the Electron
 * event and returns an unsubscribe that really removes the ipcRenderer listener, and nothing of ipcRenderer itself
 * crosses the bridge. The expected methods and channels are read from the contract (src/shared/contract.ts and its
 * feature modules), so a channel added there is covered here without touching this file.
 */
import { EventEmitter } from 'node:events';
import path from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { eventContract, invokeContract } from '../../../src/shared/contract';

const fake = vi.hoisted(() => {
  const exposed: Array<{ key: string; api: unknown }> = [];
  return { exposed, ipcRenderer: null as unknown as FakeIpcRenderer };
});

/** Enough of Electron's ipcRenderer (an EventEmitter) to see every call the preload makes. */
class FakeIpcRenderer extends EventEmitter {
  readonly invoked: Array<{ channel: string; request: unknown; reply: unknown }> = [];
  readonly sent: unknown[][] = [];
  invoke(channel: string, request: unknown): Promise<unknown> {
    const reply = { ok: true, value: `reply to ${channel}` };
    this.invoked.push({ channel, request, reply });
    return Promise.resolve(reply);
  }
  send(...args: unknown[]): void {
    this.sent.push(args);
  }
  sendSync(...args: unknown[]): unknown {
    this.sent.push(args);
    return undefined;
  }
  postMessage(...args: unknown[]): void {
    this.sent.push(args);
  }
}

vi.mock('electron', () => {
  fake.ipcRenderer = new FakeIpcRenderer();
  return {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.push({ key, api }) },
    ipcRenderer: fake.ipcRenderer,
    webUtils: { getPathForFile: (file: unknown) => `/dropped/${String(file)}` },
  };
});

const repoRoot = path.resolve(__dirname, '../../..');

/** The members of the contract's AppApi interface, read by the TypeScript compiler from the contract's source. */
function appApiMembers(): string[] {
  const contract = path.join(repoRoot, 'src', 'shared', 'contract.ts');
  const config = ts.readConfigFile(path.join(repoRoot, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, repoRoot);
  const program = ts.createProgram([contract], { ...options, noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(contract)!;
  const appApi = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'AppApi');
  if (!appApi) throw new Error(`no AppApi interface in ${contract}`);
  return checker
    .getPropertiesOfType(checker.getTypeAtLocation(appApi.name))
    .map((p) => p.getName())
    .sort();
}

/**
 * The one AppApi method that reaches no channel in the desktop app: main already wrote the export where the
 * operator chose (the browser host's version downloads it).
 */
const NO_CHANNEL = new Set(['deliverSaved']);
const isSubscription = (name: string) => /^on[A-Z]/.test(name);

type Method = (...args: unknown[]) => unknown;
let api: Record<string, unknown>;
let ipc: FakeIpcRenderer;

beforeAll(async () => {
  await import('../../../preload/index');
  ipc = fake.ipcRenderer;
  expect(fake.exposed.map((e) => e.key)).toEqual(['api']);
  api = fake.exposed[0]!.api as Record<string, unknown>;
});

describe('the preload', () => {
  it('exposes exactly the methods of the contract, all functions', { timeout: 60_000 }, () => {
    expect(Object.keys(api).sort()).toEqual(appApiMembers());
    for (const [name, value] of Object.entries(api)) expect(typeof value, name).toBe('function');
  });

  it('exposes nothing of ipcRenderer: not the object, not its methods, not through a nested value', () => {
    const forbidden = new Set<unknown>([ipc, ipc.invoke, ipc.on, ipc.send, ipc.sendSync, ipc.postMessage, ipc.removeListener, ipc.emit]);
    const seen = new Set<unknown>();
    const walk = (value: unknown, where: string): void => {
      if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value)) return;
      seen.add(value);
      expect(forbidden.has(value), where).toBe(false);
      for (const key of Reflect.ownKeys(value)) {
        const descriptor = Object.getOwnPropertyDescriptor(value, key)!;
        if ('value' in descriptor) walk(descriptor.value, `${where}.${String(key)}`);
      }
    };
    walk(api, 'api');
    expect(Object.getPrototypeOf(api)).toBe(Object.prototype);
  });

  it('forwards each method to its invoke channel with its arguments, and returns what main answered', async () => {
    const reached = new Map<string, string>();
    for (const [name, value] of Object.entries(api)) {
      if (isSubscription(name)) continue;
      const method = value as Method;
      const probes = Array.from({ length: method.length }, (_, i) => `probe-${name}-${i}`);
      const before = ipc.invoked.length;
      const answer = await method(...probes);
      const calls = ipc.invoked.slice(before);
      if (NO_CHANNEL.has(name)) {
        expect(calls, name).toEqual([]);
        continue;
      }
      expect(calls, `${name} invokes one channel`).toHaveLength(1);
      const [{ channel, request, reply }] = calls as [(typeof calls)[number]];
      expect(Object.hasOwn(invokeContract, channel), `${name} -> ${channel} is a contract channel`).toBe(true);
      expect(answer, name).toBe(reply);
      // Every argument reaches main (as the request, or as a field of it); no arguments: no request.
      const sent = JSON.stringify(request) ?? '';
      for (const probe of probes) expect(sent, `${name} -> ${channel}`).toContain(probe);
      if (probes.length === 0) expect(request, name).toBeUndefined();
      reached.set(channel, name);
    }
    // Every invoke channel in the contract has its method.
    expect([...reached.keys()].sort()).toEqual(Object.keys(invokeContract).sort());
    expect(ipc.eventNames()).toEqual([]);
    expect(ipc.sent).toEqual([]);
  });

  it('gives each on* the payload without the Electron event, and an unsubscribe that removes the ipcRenderer listener', () => {
    const subscribed = new Map<string, string>();
    for (const [name, value] of Object.entries(api)) {
      if (!isSubscription(name)) continue;
      const before = new Set(ipc.eventNames());
      const heard: unknown[][] = [];
      const unsubscribe = (value as Method)((...args: unknown[]) => heard.push(args));
      const channels = ipc.eventNames().filter((c) => !before.has(c)) as string[];
      expect(channels, `${name} listens on one channel`).toHaveLength(1);
      const channel = channels[0]!;
      expect(Object.hasOwn(eventContract, channel), `${name} -> ${channel} is a contract event`).toBe(true);
      expect(ipc.listenerCount(channel), name).toBe(1);

      const payload = { from: channel };
      ipc.emit(channel, { sender: 'the Electron event' }, payload);
      expect(heard, name).toEqual([[payload]]);

      expect(typeof unsubscribe, name).toBe('function');
      (unsubscribe as () => void)();
      expect(ipc.listenerCount(channel), `${name}'s unsubscribe removes its listener`).toBe(0);
      ipc.emit(channel, { sender: 'the Electron event' }, { late: true });
      expect(heard, name).toHaveLength(1);
      subscribed.set(channel, name);
    }
    expect([...subscribed.keys()].sort()).toEqual(Object.keys(eventContract).sort());
    expect(ipc.invoked.filter((c) => Object.hasOwn(eventContract, c.channel))).toEqual([]);
  });

  it('unsubscribes only its own listener when two listen on one channel', () => {
    const onStatus = api['onStatus'] as Method;
    const first: unknown[] = [];
    const second: unknown[] = [];
    const stopFirst = onStatus((p: unknown) => first.push(p)) as () => void;
    const stopSecond = onStatus((p: unknown) => second.push(p)) as () => void;
    stopFirst();
    ipc.emit('wa:status', {}, 'after the first left');
    expect(first).toEqual([]);
    expect(second).toEqual(['after the first left']);
    stopSecond();
    expect(ipc.listenerCount('wa:status')).toBe(0);
  });
});
