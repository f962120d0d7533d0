/**
 * The CLI's WhatsApp start: `wa-bulk send` and `resume` start the port before they read the contacts or the
 * campaign (issue 14), and waitUntilReady comes afterwards. Whatever that early start reached is the answer:
 * ready is ready, a failure is reported and not tried a second time, and the start's progress is printed once.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseFlags } from '../../../src/cli/options';
import { createCliPort, waitUntilReady } from '../../../src/cli/whatsapp-port';
import { systemClock } from '../../../src/platform/clock';
import { FakeWhatsApp } from '../../fakes/fake-whatsapp';
import { tmpDir } from '../campaign/helpers';

function capture() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const text = { out: '', err: '' };
  stdout.on('data', (c: Buffer) => (text.out += c));
  stderr.on('data', (c: Buffer) => (text.err += c));
  return { io: { stdout, stderr }, text };
}

/** A fake port that counts its starts. */
class CountingPort extends FakeWhatsApp {
  starts = 0;
  override async start(): Promise<void> {
    this.starts += 1;
  }
}

describe('waitUntilReady after an early start', () => {
  it('reports a start that has already failed, without starting again', async () => {
    const port = new CountingPort(systemClock);
    port.setStatus({ kind: 'error', message: 'The browser could not be started.', actions: ['retry'] });
    expect(await waitUntilReady(port, capture().io)).toBe('WhatsApp could not start: The browser could not be started.');
    expect(port.starts).toBe(0);
  });

  it('is done at once when the early start has already reached ready', async () => {
    const port = new CountingPort(systemClock);
    port.ready();
    expect(await waitUntilReady(port, capture().io)).toBeNull();
    expect(port.starts).toBe(0);
  });

  it('waits for a start still under way, and starts an idle port', async () => {
    const starting = new CountingPort(systemClock);
    starting.setStatus({ kind: 'starting', percent: null, message: 'Starting the browser' });
    const waiting = waitUntilReady(starting, capture().io);
    starting.ready();
    expect(await waiting).toBeNull();

    const idle = new CountingPort(systemClock);
    idle.setStatus({ kind: 'idle' });
    const started = waitUntilReady(idle, capture().io);
    expect(idle.starts).toBe(1);
    idle.setStatus({ kind: 'auth_failure', message: 'session expired' });
    expect(await started).toBe('WhatsApp rejected the session: session expired');
  });
});

describe('createCliPort', () => {
  it("prints the start's progress from the port's first status, once per message", async () => {
    const dir = await tmpDir('wa-cli-port-');
    const { io, text } = capture();
    const flags = parseFlags(['--simulate'], [], ['--simulate']);
    const { port } = await createCliPort(flags, path.join(dir, 'state'), io);
    await port.start();
    // The CLI waits for ready only after it has read the contacts; what the start said is printed all the same.
    expect(await waitUntilReady(port, io)).toBeNull();
    expect(text.err.split('\n').filter((line) => line === 'Starting the simulated WhatsApp')).toHaveLength(1);
    await port.destroy();
    await fs.rm(dir, { recursive: true, force: true });
  });
});
