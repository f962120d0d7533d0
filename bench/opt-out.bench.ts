/**
 * Opt-out list add/remove benchmark (figures only, not a test): `npx tsx bench/opt-out.bench.ts [lines=10000]`
 *
 * Typed lines of three kinds go through OptOutList.add then .remove (the optOut:add / optOut:remove handlers):
 *   junk-long    190 digits per line (the parser's slowest junk: it reads the digits before saying "too long")
 *   junk-short   20 random characters of digits and "+" (short junk the parser still reads in full)
 *   valid        real mobiles (the fast path)
 * For each: total time, time per line, and the longest the event loop was blocked during the call (what another
 * IPC call or the send loop would have waited). Lines above the contract's limit are refused by the schema before
 * any of this runs; the service is measured directly so a larger count can still be tried.
 */
import os from 'node:os';
import { memoryJsonFile } from '../src/contacts/json-file';
import { OptOutList } from '../src/contacts/opt-out';

function linesOf(kind: string, count: number): string[] {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: count }, (_, i) => {
    if (kind === 'junk-long')
      return String(1_000_000_007 + i * 7919)
        .repeat(20)
        .slice(0, 190);
    if (kind === 'junk-short') return Array.from({ length: 20 }, () => '0123456789+'[Math.floor(random() * 11)]).join('');
    return `+97150${String(1_000_000 + i).slice(-7)}`;
  });
}

/** Runs `run` while a 1 ms timer notes the longest gap between its ticks: how long the event loop was blocked. */
async function measure(run: () => Promise<unknown>): Promise<{ ms: number; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 1);
  const start = performance.now();
  await run();
  const ms = performance.now() - start;
  await new Promise((resolve) => setTimeout(resolve, 5)); // one more tick, so a block at the very end counts
  clearInterval(ticker);
  return { ms, stallMs };
}

async function main() {
  const count = Number(process.argv[2] ?? 10_000);
  console.log(`opt-out add/remove, ${count} typed lines per call, load average ${os.loadavg()[0]!.toFixed(2)}`);
  for (const kind of ['junk-long', 'junk-short', 'valid']) {
    const lines = linesOf(kind, count);
    const list = new OptOutList(memoryJsonFile());
    for (const [op, call] of [
      ['add', () => list.add(lines, 'AE')],
      ['remove', () => list.remove(lines, 'AE')],
    ] as const) {
      const { ms, stallMs } = await measure(call);
      console.log(
        `${kind.padEnd(11)} ${op.padEnd(6)} ${ms.toFixed(0).padStart(7)} ms  ${((ms * 1000) / count).toFixed(1).padStart(7)} µs/line  longest event-loop stall ${stallMs.toFixed(0)} ms`,
      );
    }
  }
}

void main();
