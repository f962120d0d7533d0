import type { KeepDuplicatesRequest } from '../shared/contract/contacts';

/** Changes that can be undone, most recent last; older ones are forgotten. */
const UNDO_DEPTH = 50;

/**
 * The duplicate rows the operator keeps (spreadsheet row numbers), with an undo history: a family sharing one
 * mobile, two appointments for one person. Rows that are not duplicates are never kept (ContactList ignores them).
 */
export class KeptDuplicates {
  private kept = new Set<number>();
  private history: Set<number>[] = [];

  get rows(): ReadonlySet<number> {
    return this.kept;
  }

  get canUndo(): boolean {
    return this.history.length > 0;
  }

  /** Applies a change; `duplicateRows` lists every duplicate row (read only for "all"). False when nothing changed. */
  apply(change: KeepDuplicatesRequest, duplicateRows: () => number[]): boolean {
    if (change.change === 'undo') {
      const previous = this.history.pop();
      if (!previous) return false;
      this.kept = previous;
      return true;
    }
    const next = new Set(this.kept);
    if (change.change === 'all') {
      if (change.keep) for (const row of duplicateRows()) next.add(row);
      else next.clear();
    } else {
      for (const row of change.rows) {
        if (change.keep) next.add(row);
        else next.delete(row);
      }
    }
    if (sameRows(next, this.kept)) return false;
    this.history.push(this.kept);
    if (this.history.length > UNDO_DEPTH) this.history.shift();
    this.kept = next;
    return true;
  }
}

function sameRows(a: ReadonlySet<number>, b: ReadonlySet<number>): boolean {
  if (a.size !== b.size) return false;
  for (const row of a) if (!b.has(row)) return false;
  return true;
}
