/**
 * What libphonenumber-js's `isValid()` checks for the selected numbering plan, with its patterns compiled once: used
 * by the phone validation (phone.ts) and the country guess (country-guess.ts).
 */

/** The national number pattern and the number types of one numbering plan. */
export interface PlanRules {
  nationalNumber: RegExp | null;
  /** null when the plan has no number types: then the national number pattern alone decides. */
  types: { pattern: RegExp; lengths: number[] | undefined }[] | null;
}

/** The numbering plan's accessors the rules read; present at run time, missing from the typings. */
export interface PlanRuleAccessors {
  hasTypes(): boolean;
  nationalNumberPattern(): string | undefined;
  type(name: string): { pattern(): string | undefined; possibleLengths(): number[] | undefined } | undefined;
}

/** The type order of libphonenumber-js's getNumberType: any match makes the number valid. */
const NUMBER_TYPES = ['FIXED_LINE', 'MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'];

const entirely = (pattern: string): RegExp => new RegExp('^(?:' + pattern + ')$');

/** The rules of the plan `metadata` has selected. */
export function selectedPlanRules(metadata: PlanRuleAccessors): PlanRules {
  const nnp = metadata.nationalNumberPattern();
  return {
    nationalNumber: nnp ? entirely(nnp) : null,
    types: metadata.hasTypes()
      ? NUMBER_TYPES.flatMap((name) => {
          const type = metadata.type(name);
          const pattern = type?.pattern();
          return type && pattern ? [{ pattern: entirely(pattern), lengths: type.possibleLengths() }] : [];
        })
      : null,
  };
}
