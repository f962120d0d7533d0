import { describe, expect, it } from 'vitest';
import { NumberCache } from '../../../src/campaign/number-cache';
import type { WhatsAppPort } from '../../../src/whatsapp/port';

/** WhatsApp knowing each account under the digits given, as getNumberId does (null for any other form). */
class RegisteredNumbers implements Pick<WhatsAppPort, 'checkNumber'> {
  readonly checks: string[] = [];
  private readonly failures = new Map<string, Error>();
  constructor(private readonly registered: Set<string>) {}

  /** The next check of these digits throws (the connection dropped). */
  failOnce(digits: string, message: string): void {
    this.failures.set(digits, new Error(message));
  }

  async checkNumber(digits: string): Promise<string | null> {
    this.checks.push(digits);
    const failure = this.failures.get(digits);
    this.failures.delete(digits);
    if (failure) throw failure;
    return this.registered.has(digits) ? `${digits}@c.us` : null;
  }
}

const BRAZIL_NEW = '5511987654321'; // +55 11 98765-4321
const BRAZIL_OLD = '551187654321'; // +55 11 8765-4321, the same person
const MEXICO_NEW = '525512345678'; // +52 55 1234 5678
const MEXICO_OLD = '5215512345678'; // +52 1 55 1234 5678, the same person

describe('NumberCache', () => {
  it('finds an account WhatsApp knows only under the other form (Brazil): 2 checks, then cached', async () => {
    const port = new RegisteredNumbers(new Set([BRAZIL_OLD]));
    const cache = new NumberCache(port);
    expect(await cache.resolve(BRAZIL_NEW)).toBe(`${BRAZIL_OLD}@c.us`);
    expect(port.checks).toEqual([BRAZIL_NEW, BRAZIL_OLD]);
    expect(await cache.resolve(BRAZIL_NEW)).toBe(`${BRAZIL_OLD}@c.us`);
    expect(port.checks).toHaveLength(2);
  });

  it('finds an account WhatsApp knows only under the other form (Mexico): 2 checks', async () => {
    const port = new RegisteredNumbers(new Set([MEXICO_OLD]));
    const cache = new NumberCache(port);
    expect(await cache.resolve(MEXICO_NEW)).toBe(`${MEXICO_OLD}@c.us`);
    expect(port.checks).toEqual([MEXICO_NEW, MEXICO_OLD]);
  });

  it('asks once when the first form is registered', async () => {
    const port = new RegisteredNumbers(new Set([BRAZIL_NEW, BRAZIL_OLD]));
    const cache = new NumberCache(port);
    expect(await cache.resolve(BRAZIL_NEW)).toBe(`${BRAZIL_NEW}@c.us`);
    expect(port.checks).toEqual([BRAZIL_NEW]);
  });

  it('answers null after asking both forms when neither is registered, and remembers that', async () => {
    const port = new RegisteredNumbers(new Set());
    const cache = new NumberCache(port);
    expect(await cache.resolve(MEXICO_NEW)).toBeNull();
    expect(port.checks).toEqual([MEXICO_NEW, MEXICO_OLD]);
    expect(await cache.resolve(MEXICO_NEW)).toBeNull();
    expect(port.checks).toHaveLength(2);
  });

  it('asks once for numbers with a single form (a Brazilian landline, other countries)', async () => {
    const port = new RegisteredNumbers(new Set());
    const cache = new NumberCache(port);
    expect(await cache.resolve('551134567890')).toBeNull(); // +55 11 3456-7890
    expect(await cache.resolve('971501234567')).toBeNull();
    expect(port.checks).toEqual(['551134567890', '971501234567']);
  });

  it('shares one lookup, both forms included, between concurrent checks of one number', async () => {
    const port = new RegisteredNumbers(new Set([BRAZIL_OLD]));
    const cache = new NumberCache(port);
    const answers = await Promise.all([cache.resolve(BRAZIL_NEW), cache.resolve(BRAZIL_NEW)]);
    expect(answers).toEqual([`${BRAZIL_OLD}@c.us`, `${BRAZIL_OLD}@c.us`]);
    expect(port.checks).toEqual([BRAZIL_NEW, BRAZIL_OLD]);
  });

  it('forgets both forms, so "No LID for user" resolves again whichever form was cached', async () => {
    const port = new RegisteredNumbers(new Set([BRAZIL_OLD]));
    const cache = new NumberCache(port);
    await cache.resolve(BRAZIL_NEW);
    await cache.resolve(BRAZIL_OLD); // a list saved before the forms were made one
    expect(port.checks).toEqual([BRAZIL_NEW, BRAZIL_OLD, BRAZIL_OLD]);
    cache.forget(BRAZIL_NEW);
    await cache.resolve(BRAZIL_NEW);
    await cache.resolve(BRAZIL_OLD);
    expect(port.checks).toEqual([BRAZIL_NEW, BRAZIL_OLD, BRAZIL_OLD, BRAZIL_NEW, BRAZIL_OLD, BRAZIL_OLD]);
  });

  it('caches no error, from the first form or the other', async () => {
    const port = new RegisteredNumbers(new Set([BRAZIL_OLD]));
    const cache = new NumberCache(port);
    port.failOnce(BRAZIL_NEW, 'offline');
    await expect(cache.resolve(BRAZIL_NEW)).rejects.toThrow('offline');
    expect(await cache.resolve(BRAZIL_NEW)).toBe(`${BRAZIL_OLD}@c.us`);
    expect(port.checks).toEqual([BRAZIL_NEW, BRAZIL_NEW, BRAZIL_OLD]);

    const mexico = new RegisteredNumbers(new Set());
    const other = new NumberCache(mexico);
    mexico.failOnce(MEXICO_OLD, 'dropped');
    await expect(other.resolve(MEXICO_NEW)).rejects.toThrow('dropped');
    expect(await other.resolve(MEXICO_NEW)).toBeNull();
    expect(mexico.checks).toEqual([MEXICO_NEW, MEXICO_OLD, MEXICO_NEW, MEXICO_OLD]);
  });
});
