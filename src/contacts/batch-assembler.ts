import type { PackedRows } from './packed-rows';
import type { PhoneCodes } from './phone-codes';
import type { RowBatch } from './table-import';

/**
 * Puts batches back together and in order: a batch's rows and its phones may arrive from different threads and
 * in any order; each complete batch is handed on as soon as every earlier one has been.
 */
export class BatchAssembler {
  private readonly rows = new Map<number, PackedRows>();
  private readonly phones = new Map<number, PhoneCodes>();
  private next = 0;
  private total: number | null = null;

  constructor(private readonly onBatch: (batch: RowBatch) => void) {}

  addRows(seq: number, rows: PackedRows): void {
    this.rows.set(seq, rows);
    this.drain();
  }

  addPhones(seq: number, phones: PhoneCodes): void {
    this.phones.set(seq, phones);
    this.drain();
  }

  /** The number of batches there will be (known when reading has finished). */
  setTotal(total: number): void {
    this.total = total;
    this.drain();
  }

  /** True once every batch up to the total has been handed on. */
  get complete(): boolean {
    return this.total !== null && this.next >= this.total;
  }

  /** Batches seen but not handed on yet (waiting for their other half or for an earlier batch). */
  get waiting(): number {
    return Math.max(this.rows.size, this.phones.size);
  }

  private drain(): void {
    for (;;) {
      const rows = this.rows.get(this.next);
      const phones = this.phones.get(this.next);
      if (!rows || !phones) return;
      this.rows.delete(this.next);
      this.phones.delete(this.next);
      this.next++;
      this.onBatch({ rows, phones });
    }
  }
}
