/**
 * Parses a message template into a small tree:
 * - `{{column}}` and `{{column|fallback}}` placeholders (column names match case- and space-insensitively);
 * - spintax groups `{Hi|Hello|Hey}`, nested up to MAX_SPINTAX_DEPTH deep; a group with one option (`{note}`) stays
 *   literal text;
 * - `\{`, `\}`, `\|` and `\\` for literal characters; everything else, WhatsApp's `*bold*` and `_italic_`
 *   included, is kept as written.
 */

export type TemplateNode =
  | { kind: 'text'; text: string }
  | { kind: 'field'; name: string; key: string; fallback: string | null; index: number }
  | { kind: 'spin'; options: TemplateNode[][]; index: number };

/** Which syntax problem it is, so a screen can say it in the operator's language (the values go into its words). */
export type TemplateProblemCode =
  'tooLong' | 'tooDeep' | 'tooMany' | 'strayClose' | 'strayBrace' | 'unclosed' | 'unclosedBrace' | 'noColumn' | 'braceInName';

export interface TemplateSyntaxError {
  index: number;
  /** The problem in English (the CLI, the log). */
  message: string;
  code: TemplateProblemCode;
  /** What the problem's words name: `position` (1-based), `max`, `length`, `token`, `opener`, `closer`, `escape`, `placeholder`. */
  values: Record<string, string | number>;
}

export type ParsedTemplate = { ok: true; nodes: TemplateNode[] } | { ok: false; errors: TemplateSyntaxError[] };

/** How a column name and a placeholder are compared: case, spaces, `_` and `-` do not matter. */
export function fieldKey(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, '');
}

const ESCAPABLE = new Set(['{', '}', '|', '\\']);

/** Longest template, in characters (WhatsApp's own limit for a message is 65,536). */
export const MAX_TEMPLATE_LENGTH = 65_536;
/**
 * Deepest nesting of `{…}` groups. Real spintax nests two or three deep; the parser recurses once per level, so a
 * template of a few thousand `{` used to overflow the stack (and took seconds before it did).
 */
export const MAX_SPINTAX_DEPTH = 20;
/** Syntax errors listed before the parser stops: a template of 60,000 stray `}` is not 60,000 messages. */
export const MAX_TEMPLATE_ERRORS = 20;

const tooLong = (length: number) =>
  `the template is ${length.toLocaleString('en')} characters long; the limit is ${MAX_TEMPLATE_LENGTH.toLocaleString('en')}`;
const tooDeep = (index: number) =>
  `"{" at position ${index + 1} nests spintax more than ${MAX_SPINTAX_DEPTH} levels deep; the limit is ${MAX_SPINTAX_DEPTH} levels`;

const tooLongError = (length: number): TemplateSyntaxError => ({
  index: MAX_TEMPLATE_LENGTH,
  message: tooLong(length),
  code: 'tooLong',
  values: { length, max: MAX_TEMPLATE_LENGTH },
});
const tooDeepError = (index: number): TemplateSyntaxError => ({
  index,
  message: tooDeep(index),
  code: 'tooDeep',
  values: { token: '{', position: index + 1, max: MAX_SPINTAX_DEPTH },
});

/** A placeholder name as quoted in a message: its start only, however long it is. */
const quoted = (name: string) => (name.length > 40 ? `${name.slice(0, 40)}…` : name);

/**
 * The first limit a template breaks (length, then nesting depth), as a message naming the limit; null when within
 * both. One linear pass that follows the parser's reading of `{`, `{{` and escapes, without recursion: the contract
 * checks every template with it before anything parses it.
 */
export function templateLimitProblem(src: string): string | null {
  if (src.length > MAX_TEMPLATE_LENGTH) return tooLong(src.length);
  let depth = 0;
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    const next = src[i + 1];
    if (ch === '\\' && next !== undefined && ESCAPABLE.has(next)) {
      i += 2;
    } else if (ch === '{' && next === '{' && src[i + 2] !== '{') {
      const end = src.indexOf('}}', i + 2);
      if (end < 0) return null; // unclosed: a syntax error the parser reports
      i = end + 2;
    } else if (ch === '{') {
      depth += 1;
      if (depth > MAX_SPINTAX_DEPTH) return tooDeep(i);
      i += 1;
    } else {
      if (ch === '}' && depth > 0) depth -= 1;
      i += 1;
    }
  }
  return null;
}

/** Thrown inside the parser to stop at a limit; never leaves parseTemplate. */
class Stop extends Error {}

class Parser {
  private pos = 0;
  private depth = 0;
  readonly errors: TemplateSyntaxError[] = [];

  constructor(private readonly src: string) {}

  /** Records a syntax error; after MAX_TEMPLATE_ERRORS the parse stops (Stop) saying there are more. */
  private error(index: number, message: string, code: TemplateProblemCode, values: Record<string, string | number> = {}): void {
    if (this.errors.length === MAX_TEMPLATE_ERRORS) {
      this.errors.push({
        index,
        message: `more problems from position ${index + 1} on (only the first ${MAX_TEMPLATE_ERRORS} are listed)`,
        code: 'tooMany',
        values: { position: index + 1, max: MAX_TEMPLATE_ERRORS },
      });
      throw new Stop();
    }
    this.errors.push({ index, message, code, values: { position: index + 1, ...values } });
  }

  /** Parses a sequence until end of input, or (inside a group) until `|` or `}`. */
  sequence(inGroup: boolean): TemplateNode[] {
    const nodes: TemplateNode[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos]!;
      const next = this.src[this.pos + 1];
      if (ch === '\\' && next !== undefined && ESCAPABLE.has(next)) {
        text += next;
        this.pos += 2;
      } else if (ch === '{' && next === '{' && this.src[this.pos + 2] !== '{') {
        // `{{{name}}|...}` is a group starting with a placeholder, so `{{` only opens one when not tripled.
        flush();
        const field = this.field();
        if (field) nodes.push(field);
      } else if (ch === '{') {
        flush();
        nodes.push(...this.group());
      } else if (inGroup && (ch === '|' || ch === '}')) {
        break;
      } else if (ch === '}' && next === '}') {
        const at = this.pos;
        this.pos += 2;
        this.error(at, `"}}" at position ${at + 1} closes no "{{"`, 'strayClose', { token: '}}', opener: '{{' });
      } else if (ch === '}') {
        const at = this.pos;
        this.pos += 1;
        this.error(at, `"}" at position ${at + 1} closes no "{" (write \\} for a literal brace)`, 'strayBrace', {
          token: '}',
          opener: '{',
          escape: '\\}',
        });
      } else {
        text += ch;
        this.pos += 1;
      }
    }
    flush();
    return nodes;
  }

  private field(): TemplateNode | null {
    const start = this.pos;
    const end = this.src.indexOf('}}', start + 2);
    if (end < 0) {
      this.pos = this.src.length;
      this.error(start, `"{{" at position ${start + 1} is never closed with "}}"`, 'unclosed', { token: '{{', closer: '}}' });
      return null;
    }
    const inner = this.src.slice(start + 2, end);
    this.pos = end + 2;
    const bar = inner.indexOf('|');
    const name = (bar < 0 ? inner : inner.slice(0, bar)).trim();
    const fallback = bar < 0 ? null : inner.slice(bar + 1).replace(/\\([{}|\\])/g, '$1');
    if (!name) {
      this.error(start, `placeholder at position ${start + 1} has no column name`, 'noColumn');
      return null;
    }
    if (name.includes('{')) {
      this.error(start, `placeholder "{{${quoted(name)}}}" at position ${start + 1} contains "{"`, 'braceInName', {
        placeholder: `{{${quoted(name)}}}`,
        token: '{',
      });
      return null;
    }
    return { kind: 'field', name, key: fieldKey(name), fallback, index: start };
  }

  /** A `{...}` group: spintax when it has `|`, otherwise literal braces around its content. */
  private group(): TemplateNode[] {
    const start = this.pos;
    if (this.depth >= MAX_SPINTAX_DEPTH) {
      this.errors.push(tooDeepError(start));
      throw new Stop();
    }
    this.depth += 1;
    this.pos += 1;
    const options: TemplateNode[][] = [this.sequence(true)];
    while (this.src[this.pos] === '|') {
      this.pos += 1;
      options.push(this.sequence(true));
    }
    this.depth -= 1;
    if (this.src[this.pos] !== '}') {
      this.error(start, `"{" at position ${start + 1} is never closed with "}" (write \\{ for a literal brace)`, 'unclosedBrace', {
        token: '{',
        closer: '}',
        escape: '\\{',
      });
      return [];
    }
    this.pos += 1;
    if (options.length === 1) return [{ kind: 'text', text: '{' }, ...options[0]!, { kind: 'text', text: '}' }];
    return [{ kind: 'spin', options, index: start }];
  }
}

export function parseTemplate(src: string): ParsedTemplate {
  if (src.length > MAX_TEMPLATE_LENGTH) return { ok: false, errors: [tooLongError(src.length)] };
  const parser = new Parser(src);
  let nodes: TemplateNode[] = [];
  try {
    nodes = parser.sequence(false);
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
  }
  return parser.errors.length > 0 ? { ok: false, errors: parser.errors } : { ok: true, nodes };
}
