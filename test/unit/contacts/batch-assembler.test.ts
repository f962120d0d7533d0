import { describe, expect, it } from 'vitest';
import { BatchAssembler } from '../../../src/contacts/batch-assembler';
import { packedRow, PackedRowsBuilder, type PackedRows } from '../../../src/contacts/packed-rows';
import type { RowBatch } from '../../../src/contacts/table-import';

const rowsOf = (label: string): PackedRows => {
  const b = new PackedRowsBuilder();
  b.addRow([label]);
  return b.finish();
};
const phonesOf = (n: number) => Float64Array.of(n);

describe('BatchAssembler', () => {
  it('hands batches on in order once both halves are in, whatever order they arrive in', () => {
    const out: string[] = [];
    const assembler = new BatchAssembler((b: RowBatch) => out.push(`${packedRow(b.rows, 0)[0]}:${b.phones[0]}`));
    assembler.addPhones(1, phonesOf(11));
    assembler.addRows(1, rowsOf('b'));
    expect(out).toEqual([]); // batch 0 is not in yet
    assembler.addRows(0, rowsOf('a'));
    expect(out).toEqual([]); // its phones are not in yet
    assembler.addRows(2, rowsOf('c'));
    assembler.addPhones(0, phonesOf(10));
    expect(out).toEqual(['a:10', 'b:11']);
    expect(assembler.waiting).toBe(1);
    assembler.setTotal(3);
    expect(assembler.complete).toBe(false);
    assembler.addPhones(2, phonesOf(12));
    expect(out).toEqual(['a:10', 'b:11', 'c:12']);
    expect(assembler.complete).toBe(true);
  });

  it('is complete at once for an import of no batches, and not before the total is known', () => {
    const assembler = new BatchAssembler(() => {});
    expect(assembler.complete).toBe(false);
    assembler.setTotal(0);
    expect(assembler.complete).toBe(true);
  });
});
