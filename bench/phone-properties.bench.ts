/**
 * The phone property checks at full size (figures, and a failure when a check fails):
 * `npm run bench -- phone-properties` or `npx tsx bench/phone-properties.bench.ts [scale=1]`.
 *
 * The unit tests (test/unit/core/phone-fast-path, phone-validity, test/unit/contacts/number-set) run the same
 * checks from test/support/phone-properties.ts at a size a loaded two-core machine does in a second or two; this runs
 * them at full size (times `scale`) and prints, per check: numbers compared, mismatches, how many the library
 * accepted, time and numbers a second.
 */
import { compareBrazilMexico, compareFastPath, compareNumberSet, compareValidity, PROPERTY_SIZES } from '../test/support/phone-properties';

const scale = Number(process.argv[2] ?? 1);
if (!(scale > 0)) throw new Error(`scale must be a positive number, not ${process.argv[2]}`);
const size = (n: number) => Math.max(1, Math.round(n * scale));

interface Figures {
  checked: number;
  mismatches: string[];
  note: string;
}

const checks: Array<[string, () => Figures]> = [
  [
    'fast path vs full parser, every country',
    () => {
      const r = compareFastPath(size(PROPERTY_SIZES.full.fastPath));
      return { ...r, note: `${r.countries} countries, ${r.valid} accepted (${r.validWithoutPlus} without "+")` };
    },
  ],
  [
    'Brazil and Mexico mobiles, both forms',
    () => {
      const r = compareBrazilMexico(size(PROPERTY_SIZES.full.brazilMexico));
      return { ...r, note: `accepted shapes ${r.accepted.filter((k) => /^\+5[25]/.test(k)).join(' ')}` };
    },
  ],
  [
    'isValidE164 vs library, every calling code',
    () => {
      const r = compareValidity(size(PROPERTY_SIZES.full.validity));
      return { ...r, note: `${r.callingCodes} calling codes, ${r.valid} valid` };
    },
  ],
  [
    'NumberSet vs Set<number>',
    () => {
      const r = compareNumberSet(size(PROPERTY_SIZES.full.numberSet));
      return { ...r, note: `${r.size} distinct (Set: ${r.referenceSize})` };
    },
  ],
];

let failed = false;
console.log(`check                                          numbers  mismatches      ms   numbers/s  notes`);
for (const [name, run] of checks) {
  const start = performance.now();
  const figures = run();
  const ms = performance.now() - start;
  failed ||= figures.mismatches.length > 0;
  console.log(
    `${name.padEnd(45)} ${String(figures.checked).padStart(8)} ${String(figures.mismatches.length).padStart(11)} ${ms.toFixed(0).padStart(7)} ${Math.round(
      (figures.checked / ms) * 1000,
    )
      .toString()
      .padStart(11)}  ${figures.note}`,
  );
  for (const m of figures.mismatches.slice(0, 10)) console.log(`  mismatch: ${m}`);
}
process.exit(failed ? 1 : 0);
