import type { ImportProblem } from '../shared/contract/contacts';
import type { ContactList } from './contact-list';

const CHUNK = 10_000;

/**
 * Problem rows and the duplicates left out (not kept), merged in file order, as the problem-rows export writes
 * them: a duplicate's reason names the row it repeats, "repeats row 3 (+447400123456, Jane Smith)".
 */
export function* leftOutRows(list: ContactList): Generator<ImportProblem> {
  const problems = chunks(list.problemCount, (o, n) => list.problems(o, n));
  const duplicates = chunks(list.duplicateCount, (o, n) => list.duplicates(o, n).filter((d) => !d.kept));
  let p = problems.next();
  let d = duplicates.next();
  while (!p.done || !d.done) {
    if (!p.done && (d.done || p.value.row < d.value.row)) {
      yield p.value;
      p = problems.next();
    } else if (!d.done) {
      const dup = d.value;
      const about = [dup.phone, dup.repeatsDetails].filter((s) => s !== '').join(', ');
      yield { row: dup.row, value: dup.value, reason: `repeats row ${dup.repeatsRow} (${about})` };
      d = duplicates.next();
    }
  }
}

function* chunks<T>(total: number, page: (offset: number, limit: number) => T[]): Generator<T> {
  for (let offset = 0; offset < total; offset += CHUNK) yield* page(offset, CHUNK);
}
