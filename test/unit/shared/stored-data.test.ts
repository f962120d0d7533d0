import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { parseStored, parseStoredJson, StoredDataError } from '../../../src/shared/stored-data';

const Doc = z.object({ version: z.literal(1), pacing: z.object({ dailyCap: z.number() }), tags: z.array(z.string()) });

const errorOf = (run: () => unknown): StoredDataError => {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(StoredDataError);
    return err as StoredDataError;
  }
  throw new Error('no error');
};

describe('stored data errors', () => {
  it('name the file, the line and the field: "<file>: line N: field a.b: expected number, received string"', () => {
    const err = errorOf(() => parseStored(Doc, { version: 1, pacing: { dailyCap: '5' }, tags: [] }, '/d/journal.jsonl', 4));
    expect(err.message).toBe('/d/journal.jsonl: line 4: field pacing.dailyCap: expected number, received string');
    expect(err).toMatchObject({ file: '/d/journal.jsonl', line: 4, field: 'pacing.dailyCap' });
  });

  it('say a missing field is missing, and give array positions in the path', () => {
    expect(errorOf(() => parseStored(Doc, { version: 1, tags: [] }, 'campaign.json')).message).toBe(
      'campaign.json: field pacing: missing (expected object)',
    );
    expect(errorOf(() => parseStored(Doc, { version: 1, pacing: { dailyCap: 1 }, tags: ['a', 2] }, 'f')).field).toBe('tags.1');
  });

  it('name an unknown field of a strict object, and text that is not JSON', () => {
    const Strict = z.strictObject({ a: z.number() });
    expect(errorOf(() => parseStored(Strict, { a: 1, b: 2 }, 'f')).message).toBe('f: field b: not a field this version knows');
    const err = errorOf(() => parseStoredJson(Doc, '{"version":', 'settings.json'));
    expect(err.field).toBeNull();
    expect(err.message).toMatch(/^settings\.json: not valid JSON \(/);
  });
});
