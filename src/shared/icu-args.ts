// Which arguments of an ICU message print a number as it is: `{count}` formats a number with String() ("1234"),
// where the operator's language groups it ("1,234", "1.234", "12,345" in Hindi). The translators (react-intl in the
// page, intl-messageformat in main) format such numbers first, so a message written `{count}` reads right too.
// Plain objects of @formatjs/icu-messageformat-parser's AST; no import of the parser.

interface AstNode {
  type: number;
  value?: unknown;
  options?: Record<string, { value: AstNode[] }>;
  children?: AstNode[];
}

const ARGUMENT = 1;
const SELECT = 5;
const PLURAL = 6;
const TAG = 8;

function walk(nodes: readonly AstNode[], bare: Set<string>, typed: Set<string>): void {
  for (const node of nodes) {
    if (node.type === ARGUMENT) bare.add(String(node.value));
    else if (node.type !== 0 && node.type !== 7 && node.type !== TAG && typeof node.value === 'string') typed.add(node.value);
    if ((node.type === SELECT || node.type === PLURAL) && node.options)
      for (const option of Object.values(node.options)) walk(option.value, bare, typed);
    if (node.type === TAG && node.children) walk(node.children, bare, typed);
  }
}

/** The arguments a message only ever prints bare (`{count}`), never as a number, date, plural or select. */
export function bareArguments(ast: readonly AstNode[]): Set<string> {
  const bare = new Set<string>();
  const typed = new Set<string>();
  walk(ast, bare, typed);
  for (const name of typed) bare.delete(name);
  return bare;
}

/** `values` with each number a bare argument prints formatted by `formatNumber`; other values as they are. */
export function withFormattedNumbers<V>(values: Record<string, V> | undefined, bare: ReadonlySet<string>, formatNumber: (n: number) => string) {
  if (!values || bare.size === 0) return values;
  let changed: Record<string, V | string> | null = null;
  for (const [name, value] of Object.entries(values)) {
    if (typeof value !== 'number' || !bare.has(name)) continue;
    changed ??= { ...values };
    changed[name] = formatNumber(value);
  }
  return changed ?? values;
}
