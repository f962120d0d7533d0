import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RefusalLog } from '../../../src/devhost/refusal-log';
import { openSocket, startTestHost, type TestHost } from './host-fixture';

describe('RefusalLog', () => {
  it('says the first ten refusals a minute, counts the rest and says the count with the next line', () => {
    let now = 0;
    const lines: string[] = [];
    const log = new RefusalLog(
      (m) => lines.push(m),
      () => now,
    );
    for (let i = 0; i < 25; i++) log.refused(`refused ${i}`);
    expect(lines).toHaveLength(10);
    now = 60_000;
    log.refused('refused 25');
    expect(lines).toHaveLength(11);
    expect(lines[10]).toBe('refused 25 (15 more refused before this were not logged)');
    log.refused('refused 26');
    expect(lines[11]).toBe('refused 26');
  });
});

describe('browser host: a flood of refused connections', () => {
  let t: TestHost;
  beforeEach(async () => {
    t = await startTestHost();
  });
  afterEach(() => t.host.stop());

  it('is refused every time but logged in a bounded number of lines', async () => {
    const wsOrigin = t.origin.replace('http', 'ws');
    for (let i = 0; i < 40; i++) {
      await expect(openSocket(`${wsOrigin}/guess-${i}/ipc`, { origin: t.origin })).rejects.toThrow('HTTP 403');
    }
    expect(t.logs.filter((l) => l.includes('Refused'))).toHaveLength(10);
  });
});
